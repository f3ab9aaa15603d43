using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Training;

/// <summary>
/// Where the model and the rules disagree: hidden gems (the rules leave the lead below MQL, the model ranks it
/// highest) and false alarms (the rules make it an MQL or more, the model ranks it lowest).
/// </summary>
public static class Disagreements
{
    public const int ExamplesKept = 12;

    /// <summary>Leads the rules keep below MQL, most probable first by the model.</summary>
    public static int[] HiddenGems(IReadOnlyList<double> model, IReadOnlyList<FunnelStage> ruleStages, int count) =>
        [.. Enumerable.Range(0, model.Count).Where(i => !IsMql(ruleStages[i])).OrderByDescending(i => model[i]).ThenBy(i => i).Take(count)];

    /// <summary>Leads the rules hand over as MQL or SQL, least probable first by the model.</summary>
    public static int[] FalseAlarms(IReadOnlyList<double> model, IReadOnlyList<FunnelStage> ruleStages, int count) =>
        [.. Enumerable.Range(0, model.Count).Where(i => IsMql(ruleStages[i])).OrderBy(i => model[i]).ThenBy(i => i).Take(count)];

    public static bool IsMql(FunnelStage stage) => stage.Reached(FunnelStage.Mql);
}
