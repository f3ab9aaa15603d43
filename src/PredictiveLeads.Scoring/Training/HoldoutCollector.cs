using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Schema;

namespace PredictiveLeads.Scoring.Training;

/// <summary>Gathers the test leads' scores by model and rules, and the raw fields of the leads they disagree on most.</summary>
internal static class HoldoutCollector
{
    public static HoldoutScores Collect(DataTable table, ExportSchema schema, HoldoutSplit split, IReadOnlyDictionary<string, double[]> labels,
        IReadOnlyList<OutcomeResult> results, double[] rulePoints, FunnelStage[] ruleStages, bool hasRules)
    {
        var test = split.Test;
        var ids = schema.Id is { } idColumn && table.Find(idColumn) is { } idValues
            ? test.Select(r => idValues.IsMissing(r) ? $"line {table.LineNumbers[r]}" : idValues.FormatValue(r)).ToArray()
            : [.. test.Select(r => $"line {table.LineNumbers[r]}")];
        var accountColumn = schema.AccountId is { } a ? table.Find(a) : null;
        var stages = hasRules ? test.Select(r => ruleStages[r]).ToArray() : [];
        var outcomes = new Dictionary<string, HoldoutOutcome>(StringComparer.Ordinal);
        var exampleRows = new SortedSet<int>();
        foreach (var result in results)
        {
            var actual = test.Select(r => double.IsNaN(labels[result.Label][r]) ? (int?)null : (int)labels[result.Label][r]).ToArray();
            var rules = hasRules && result.RulesCalibration is { } calibration ? test.Select(r => Round(calibration.Probability(rulePoints[r]))).ToArray() : null;
            var model = result.HoldoutProbabilities?.Select(Round).ToArray();
            var (fitGrades, engagementGrades) = result.FitEngagement is { Fit: { } fit, Engagement: { } engagement } ? (fit.TestGrades, engagement.TestGrades) : (null, null);
            outcomes[result.Label] = new HoldoutOutcome(actual, model, rules) { FitGrades = fitGrades, EngagementGrades = engagementGrades };
            if (model is null || !hasRules)
                continue;
            exampleRows.UnionWith(Disagreements.HiddenGems(model, stages, Disagreements.ExamplesKept));
            exampleRows.UnionWith(Disagreements.FalseAlarms(model, stages, Disagreements.ExamplesKept));
        }
        var outcomeColumns = new HashSet<string>(schema.Outcomes, StringComparer.Ordinal);
        var examples = exampleRows.Select(i => new HoldoutExample(ids[i], table.Columns.Where(c => !outcomeColumns.Contains(c.Name))
            .ToDictionary(c => c.Name, c => c.IsMissing(test[i]) ? null : c.FormatValue(test[i]), StringComparer.Ordinal))).ToArray();
        return new HoldoutScores
        {
            From = split.TestDates?.From,
            To = split.TestDates?.To,
            Ids = ids,
            Accounts = [.. test.Select(r => accountColumn is null || accountColumn.IsMissing(r) ? null : accountColumn.FormatValue(r))],
            RulePoints = hasRules ? [.. test.Select(r => rulePoints[r])] : [],
            RuleStages = stages,
            Outcomes = outcomes,
            Examples = examples,
        };
    }

    private static double Round(double value) => Math.Round(value, 6);
}
