using System.Globalization;
using System.Text;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Monitoring;

/// <summary>One logged prediction as the export reads it.</summary>
public sealed record ExportedPrediction(string LeadId, string? AccountId, DateTime Time, string ModelVersion, string Outcome, double? Probability, double? RulePoints, FunnelStage? RuleStage);

/// <summary>
/// Each lead's newest logged scores joined with what happened to it, as CSV for analysts to join with CRM fields and
/// retrain: one row per lead, the probability of each outcome, then 0/1 per outcome (empty while not known). Written a
/// page of leads at a time.
/// </summary>
public static class OutcomeExport
{
    /// <summary>The header line: the lead's columns, then each outcome's probability, then each outcome's 0/1.</summary>
    public static string Header(IReadOnlyList<string> outcomes)
    {
        var csv = new StringBuilder("lead_id,account_id,scored_at,model_version,rule_points,rule_stage");
        foreach (var outcome in outcomes)
            csv.Append(',').Append(CsvText.QuoteText(outcome + "_probability"));
        foreach (var outcome in outcomes)
            csv.Append(',').Append(CsvText.QuoteText(outcome));
        return csv.Append('\n').ToString();
    }

    /// <summary>One line per lead of <paramref name="latest"/> (the newest logged predictions of some leads, each lead's together).</summary>
    /// <param name="latest">The newest logged predictions of the page's leads.</param>
    /// <param name="outcomes">The outcomes of the header, in its order.</param>
    /// <param name="recorded">What was recorded about those leads' outcomes.</param>
    /// <param name="stageOf">The funnel stage each outcome records, if any.</param>
    public static string Rows(IReadOnlyList<ExportedPrediction> latest, IReadOnlyList<string> outcomes, RecordedOutcomes recorded, Func<string, FunnelStage?> stageOf)
    {
        var csv = new StringBuilder();
        foreach (var lead in latest.GroupBy(p => p.LeadId, StringComparer.Ordinal))
        {
            var newest = lead.MaxBy(p => p.Time)!;
            csv.Append(CultureInfo.InvariantCulture, $"{CsvText.QuoteText(lead.Key)},{CsvText.QuoteText(newest.AccountId ?? "")},{newest.Time:O},{CsvText.QuoteText(newest.ModelVersion)},{newest.RulePoints},{newest.RuleStage?.Name()}");
            foreach (var outcome in outcomes)
                csv.Append(CultureInfo.InvariantCulture, $",{lead.FirstOrDefault(p => p.Outcome == outcome)?.Probability}");
            foreach (var outcome in outcomes)
                csv.Append(',').Append(recorded.Label(lead.Key, outcome, stageOf(outcome))?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.Append('\n');
        }
        return csv.ToString();
    }
}
