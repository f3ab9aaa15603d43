namespace PredictiveLeads.Scoring.Funnel;

/// <summary>
/// Turns recorded funnel stages into 0/1 labels per outcome: a lead is positive for an outcome once it reached the
/// outcome's stage or any later one; a lead whose only stages are Lost or Disqualified is a known negative.
/// </summary>
public static class FunnelLabels
{
    /// <summary>The furthest stage each lead with a recorded stage reached (Lost or Disqualified when it reached nothing else).</summary>
    public static Dictionary<string, FunnelStage> FurthestStage(IEnumerable<(string LeadId, FunnelStage Stage)> stages)
    {
        var furthest = new Dictionary<string, FunnelStage>(StringComparer.Ordinal);
        foreach (var (leadId, stage) in stages)
        {
            if (!furthest.TryGetValue(leadId, out var known) || stage.Rank() > known.Rank())
                furthest[leadId] = stage;
        }
        return furthest;
    }

    /// <summary>1 when a lead whose furthest stage is <paramref name="furthest"/> counts as positive for an outcome predicting <paramref name="outcomeStage"/>.</summary>
    public static int Label(FunnelStage outcomeStage, FunnelStage furthest) => furthest.Reached(outcomeStage) ? 1 : 0;
}
