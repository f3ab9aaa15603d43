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

    /// <summary>
    /// Each outcome's probabilities, in the manifest's order. An outcome served through an earlier one is its model's
    /// P(outcome | earlier) times the earlier outcome's probability.
    /// </summary>
    public static IReadOnlyList<(string Outcome, double[] Probabilities)> Score(ModelBundle bundle, DataTable table, int threads, List<string> notes)
    {
        var results = new Dictionary<string, double[]>(StringComparer.Ordinal);
        double[]? points = null;
        foreach (var outcome in bundle.ScoringOrder)
        {
            if (outcome.Source == OutcomeSource.Model)
            {
                var probabilities = bundle.Models[outcome.Label].PredictProbabilities(table, threads, notes);
                if (outcome.ConditionalOn is { } earlier)
                {
                    var reached = results[earlier];
                    for (var row = 0; row < probabilities.Length; row++)
                        probabilities[row] *= reached[row];
                }
                results[outcome.Label] = probabilities;
                continue;
            }
            points ??= Points(bundle.Rules!, table);
            var calibration = outcome.RulesCalibration;
            results[outcome.Label] = calibration is null ? new double[table.RowCount] : [.. points.Select(calibration.Probability)];
            notes.Add($"'{outcome.Label}' is served by the points rules: {outcome.Reason}");
        }
        return [.. bundle.Manifest.Outcomes.Select(o => (o.Label, results[o.Label]))];
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
