using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Api;

/// <summary>
/// Turns recorded stages into 0/1 labels per model outcome: a lead counts as an MQL once it reached MQL or any
/// later stage, as an SQL once it reached SQL or later; a lead whose only stages are Lost or Disqualified is a
/// known negative. Outcomes named after neither stage count any reached stage as positive.
/// </summary>
public static class OutcomeLabels
{
    private static readonly Dictionary<string, int> Rank = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MQL"] = 1, ["SQL"] = 2, ["Opportunity"] = 3, ["Won"] = 4, ["Lost"] = 0, ["Disqualified"] = 0,
    };

    /// <summary>The furthest funnel stage each lead with a recorded outcome reached (0 when only lost or disqualified).</summary>
    public static Dictionary<string, int> FurthestStage(IEnumerable<OutcomeRecord> outcomes) =>
        outcomes.GroupBy(o => o.LeadId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(o => Rank.GetValueOrDefault(o.Stage)), StringComparer.Ordinal);

    public static double Label(string outcome, int furthest)
    {
        var needed = outcome.Contains("sql", StringComparison.OrdinalIgnoreCase) ? 2 : outcome.Contains("mql", StringComparison.OrdinalIgnoreCase) ? 1 : 1;
        return furthest >= needed ? 1 : 0;
    }
}
