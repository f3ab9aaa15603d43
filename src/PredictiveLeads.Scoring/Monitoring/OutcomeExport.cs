using System.Globalization;
using System.Text;
using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Scoring.Monitoring;

/// <summary>One logged prediction as the export reads it.</summary>
public sealed record ExportedPrediction(string LeadId, string? AccountId, DateTime Time, string ModelVersion, string Outcome, double? Probability, double? RulePoints, string? RuleStage);

/// <summary>
/// Each lead's newest logged scores joined with what happened to it, as CSV for analysts to join with CRM fields and
/// retrain: one row per lead, the probability of each outcome, then 0/1 per outcome (empty while not known).
/// </summary>
public static class OutcomeExport
{
    public static string Csv(IReadOnlyList<ExportedPrediction> latest, IReadOnlyDictionary<string, int> furthestStage)
    {
        var outcomes = latest.Select(p => p.Outcome).Distinct().Order(StringComparer.Ordinal).ToList();
        var csv = new StringBuilder();
        csv.Append("lead_id,account_id,scored_at,model_version,rule_points,rule_stage");
        foreach (var outcome in outcomes)
            csv.Append(',').Append(CsvText.Quote(outcome + "_probability"));
        foreach (var outcome in outcomes)
            csv.Append(',').Append(CsvText.Quote(outcome));
        csv.Append('\n');
        foreach (var lead in latest.GroupBy(p => p.LeadId, StringComparer.Ordinal))
        {
            var newest = lead.MaxBy(p => p.Time)!;
            csv.Append(CultureInfo.InvariantCulture, $"{CsvText.Quote(lead.Key)},{CsvText.Quote(newest.AccountId ?? "")},{newest.Time:O},{CsvText.Quote(newest.ModelVersion)},{newest.RulePoints},{newest.RuleStage}");
            foreach (var outcome in outcomes)
                csv.Append(CultureInfo.InvariantCulture, $",{lead.FirstOrDefault(p => p.Outcome == outcome)?.Probability}");
            foreach (var outcome in outcomes)
                csv.Append(',').Append(furthestStage.TryGetValue(lead.Key, out var stage) ? FunnelLabels.Label(outcome, stage).ToString(CultureInfo.InvariantCulture) : "");
            csv.Append('\n');
        }
        return csv.ToString();
    }
}
