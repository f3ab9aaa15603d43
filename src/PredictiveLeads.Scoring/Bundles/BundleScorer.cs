using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Rules;

namespace PredictiveLeads.Scoring.Bundles;

/// <summary>Scores a whole table with a bundle: each outcome's calibrated probability, from its model or from the rules.</summary>
public static class BundleScorer
{
    /// <summary>The kinds the bundle's models read their columns as, so a file to score is read like the training file.</summary>
    public static IReadOnlyDictionary<string, ColumnKind> ColumnKinds(ModelBundle bundle)
    {
        var kinds = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        foreach (var model in bundle.Models.Values)
        {
            foreach (var (column, kind) in model.Pipeline.ColumnKinds)
                kinds.TryAdd(column, kind);
        }
        return kinds;
    }

    /// <summary>Every column scoring reads: the models' inputs and the rules' fields.</summary>
    public static IEnumerable<string> InputColumns(ModelBundle bundle) =>
        bundle.Models.Values.SelectMany(m => m.Pipeline.Columns.Select(c => c.Column)).Concat(bundle.Rules?.Fields() ?? []).Distinct();

    public static IReadOnlyList<(string Outcome, double[] Probabilities)> Score(ModelBundle bundle, DataTable table, int threads, List<string> notes)
    {
        var results = new List<(string, double[])>();
        double[]? points = null;
        foreach (var outcome in bundle.Manifest.Outcomes)
        {
            if (outcome.Source == OutcomeSource.Model)
            {
                var model = bundle.Models[outcome.Label];
                results.Add((outcome.Label, model.PredictProbabilities(table, threads, notes)));
                continue;
            }
            points ??= Points(bundle.Rules!, table);
            var calibration = outcome.RulesCalibration;
            results.Add((outcome.Label, calibration is null ? new double[table.RowCount] : [.. points.Select(calibration.Probability)]));
            notes.Add($"'{outcome.Label}' is served by the points rules: {outcome.Reason}");
        }
        return results;
    }

    public static double[] Points(PointsRules rules, DataTable table)
    {
        var lead = new TableRow(table);
        var points = new double[table.RowCount];
        for (var row = 0; row < table.RowCount; row++)
        {
            lead.Row = row;
            points[row] = rules.Score(lead).Points;
        }
        return points;
    }
}
