using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Worklist;

/// <summary>
/// Which leads are still open for an outcome: scored, and without a recorded outcome that settles it. A lead that
/// reached the outcome's stage or a later one, was lost or was disqualified is settled; a lead that only reached an
/// earlier stage (an MQL, for the SQL list) is still worth working. An outcome recorded by its own name ("Converted")
/// is settled by any record of it, yes or no.
/// </summary>
public static class OpenLeads
{
    /// <summary>The outcome log's stage texts that settle <paramref name="outcome"/>, which records <paramref name="stage"/> when it is a funnel stage.</summary>
    public static IReadOnlyList<string> SettlingRecords(string outcome, FunnelStage? stage)
    {
        var ends = new[] { FunnelStage.Lost, FunnelStage.Disqualified }.Select(FunnelStages.Name);
        if (stage is not { } reached)
            return [RecordedOutcomes.StoredText(outcome, true), RecordedOutcomes.StoredText(outcome, false), .. ends];
        return [.. FunnelStages.Recordable.Where(s => s.IsOutcomeStage() && s.Reached(reached)).Select(FunnelStages.Name), .. ends];
    }
}
