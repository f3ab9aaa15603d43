namespace PredictiveLeads.Scoring.Webhooks;

/// <summary>The events marketing automation can subscribe to.</summary>
public static class WebhookEventTypes
{
    /// <summary>A lead's A–D grade of an outcome changed since its previous scoring.</summary>
    public const string GradeChanged = "lead.grade_changed";

    /// <summary>A lead's rules stage (the points rules' MQL/SQL) changed since its previous scoring.</summary>
    public const string StageChanged = "lead.stage_changed";

    /// <summary>A lead's probability of an outcome crossed a configured threshold, upwards or downwards.</summary>
    public const string CrossedThreshold = "lead.crossed_threshold";

    /// <summary>Another version of the model is served.</summary>
    public const string ModelActivated = "model.activated";

    /// <summary>An input field's distribution among the scored leads moved away from training (PSI above the threshold).</summary>
    public const string ModelDrift = "model.drift";

    public static IReadOnlyList<string> All { get; } = [GradeChanged, StageChanged, CrossedThreshold, ModelActivated, ModelDrift];
}
