namespace PredictiveLeads.Scoring.Monitoring;

/// <summary>
/// Turns recorded funnel stages into 0/1 labels per model outcome: a lead counts as an MQL once it reached MQL or any
/// later stage, as an SQL once it reached SQL or later; a lead whose only stages are Lost or Disqualified is a known
/// negative. An outcome named after neither stage counts any reached stage as positive.
/// </summary>
public static class FunnelLabels
{
    private static readonly Dictionary<string, int> Rank = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MQL"] = 1, ["SQL"] = 2, ["Opportunity"] = 3, ["Won"] = 4, ["Lost"] = 0, ["Disqualified"] = 0,
    };

    /// <summary>The furthest funnel stage (its rank) each lead with a recorded stage reached; 0 when only lost or disqualified.</summary>
    public static Dictionary<string, int> FurthestStage(IEnumerable<(string LeadId, string Stage)> stages) =>
        stages.GroupBy(s => s.LeadId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(s => Rank.GetValueOrDefault(s.Stage)), StringComparer.Ordinal);

    /// <summary>1 when a lead that reached the stage ranked <paramref name="furthest"/> counts as positive for <paramref name="outcome"/>.</summary>
    public static double Label(string outcome, int furthest)
    {
        var needed = outcome.Contains("sql", StringComparison.OrdinalIgnoreCase) ? 2 : 1;
        return furthest >= needed ? 1 : 0;
    }
}
