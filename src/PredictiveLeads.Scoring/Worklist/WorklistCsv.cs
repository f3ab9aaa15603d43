using System.Globalization;
using System.Text;
using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Scoring.Worklist;

/// <summary>A worklist row as the CSV download has it; <paramref name="ReasonFields"/> strongest first.</summary>
public sealed record WorklistCsvRow(string LeadId, string? AccountId, double Probability, string Grade, string? RuleStage, double? Change, DateTime ScoredAt,
    IReadOnlyList<string> ReasonFields)
{
    /// <summary>The fit × engagement cell ("B2"); null when the model does not grade both.</summary>
    public string? Cell { get; init; }
}

/// <summary>The worklist as a CSV for a spreadsheet: one row per lead in rank order, text cells safe from formula injection.</summary>
public static class WorklistCsv
{
    public const string Header = "rank,lead_id,account_id,probability,grade,cell,rule_stage,change,scored_at,reasons";

    public static string Write(IEnumerable<WorklistCsvRow> rows)
    {
        var csv = new StringBuilder(Header).Append('\n');
        var rank = 0;
        foreach (var row in rows)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{++rank},{CsvText.QuoteText(row.LeadId)},{CsvText.QuoteText(row.AccountId ?? "")},{row.Probability:R},{row.Grade},{row.Cell},{row.RuleStage},{row.Change:R},{row.ScoredAt:O},");
            csv.Append(CsvText.QuoteText(string.Join("; ", row.ReasonFields))).Append('\n');
        }
        return csv.ToString();
    }
}
