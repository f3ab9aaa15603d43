using System.Globalization;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;

namespace PredictiveLeads.Scoring.Rules;

/// <summary>
/// The export's own manual score (a HubSpot score, a Marketo lead score…) as the baseline the model is judged
/// against: points rules with one rule, "the score is the points", so it is judged exactly like hand-written rules
/// (AUC, isotonic probabilities, the workload-matched comparison) and served beside the model the same way.
/// </summary>
public static class ManualScoreBaseline
{
    /// <summary>
    /// Rules scoring each lead by <paramref name="column"/>. Leads at or above <paramref name="mqlAt"/> are MQLs; without
    /// it, the threshold hands sales as many leads as <paramref name="outcome"/> has positives, and says so in the name.
    /// A lead without a score gets 0 points.
    /// </summary>
    public static PointsRules For(DataTable table, string column, string outcome, double? mqlAt)
    {
        if (table.Find(column) is not NumericColumn { Kind: ColumnKind.Numeric } score)
            throw new DataFormatException($"{table.Source}: the baseline score column '{column}' must hold numbers; it holds {Describe(table.Find(column))}");
        var threshold = mqlAt ?? ThresholdHandingOverPositives(score.Values, BinaryLabel.Read(table, outcome));
        var how = mqlAt is null ? $"MQL at {threshold.ToString("G6", CultureInfo.InvariantCulture)}, chosen to hand sales as many leads as there are {outcome} positives"
            : $"MQL at {threshold.ToString("G6", CultureInfo.InvariantCulture)}";
        return new PointsRules
        {
            Name = $"{column} (the export's own score; {how})",
            MqlThreshold = threshold,
            MinScore = -1e15,
            MaxScore = 1e15,
            Rules = [new PointsRule { Name = column, When = new RuleCondition { Field = column, Present = true }, PointsPerUnit = 1 }],
        };
    }

    private static double ThresholdHandingOverPositives(double[] scores, double[] labels)
    {
        var labelled = Enumerable.Range(0, scores.Length).Where(r => !double.IsNaN(labels[r])).ToArray();
        var positives = labelled.Count(r => labels[r] == 1);
        var sorted = labelled.Select(r => double.IsNaN(scores[r]) ? 0 : scores[r]).OrderDescending().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp(positives - 1, 0, sorted.Length - 1)];
    }

    private static string Describe(DataColumn? column) => column switch
    {
        null => "nothing (it is not in the file)",
        { Kind: ColumnKind.Categorical } => "text",
        { Kind: ColumnKind.DateTime } => "dates",
        _ => "yes/no values",
    };
}
