using PredictiveLeads.Scoring.Live;

namespace PredictiveLeads.Scoring.Webhooks;

/// <summary>A probability that <c>lead.crossed_threshold</c> watches, for one outcome or (null) every outcome.</summary>
public sealed record ProbabilityThreshold(string? Outcome, double Probability);

/// <summary>One outcome of a scoring as the events see it.</summary>
public readonly record struct ScoredOutcome(string Outcome, double? Probability, string Grade);

/// <summary>
/// The lead events a scoring causes, against the lead's previous scoring. A grade or stage change needs a previous
/// scoring that kept one. A threshold is crossed upwards when the probability reaches it from below, downwards when it
/// falls below it; a lead's first scoring counts as coming from below, so a new lead that is already hot is announced.
/// </summary>
public static class LeadEvents
{
    public static IReadOnlyList<WebhookEvent> Of(string leadId, IReadOnlyList<ScoredOutcome> outcomes, string? ruleStage, IReadOnlyDictionary<string, PreviousScore>? previous,
        EventModel model, DateTime time, IReadOnlyList<ProbabilityThreshold> thresholds, Func<string, bool> wanted)
    {
        var events = new List<WebhookEvent>();
        foreach (var (outcome, probability, grade) in outcomes)
        {
            if (probability is not { } now)
                continue;
            var before = previous?.GetValueOrDefault(outcome);
            if (wanted(WebhookEventTypes.GradeChanged) && before?.Grade is { } oldGrade && oldGrade != "-" && oldGrade != grade)
                events.Add(WebhookEvent.GradeChanged(model, time, leadId, outcome, oldGrade, grade, before.Probability, now));
            if (!wanted(WebhookEventTypes.CrossedThreshold))
                continue;
            foreach (var threshold in thresholds.Where(t => t.Outcome is null || t.Outcome == outcome))
            {
                var wasAbove = before?.Probability is { } then && then >= threshold.Probability;
                if (wasAbove != now >= threshold.Probability && (before?.Probability is not null || now >= threshold.Probability))
                    events.Add(WebhookEvent.CrossedThreshold(model, time, leadId, outcome, threshold.Probability, before?.Probability, now));
            }
        }
        var oldStage = previous?.Values.Select(p => p.RuleStage).FirstOrDefault(s => s is not null);
        if (wanted(WebhookEventTypes.StageChanged) && oldStage is not null && ruleStage is not null && oldStage != ruleStage)
            events.Add(WebhookEvent.StageChanged(model, time, leadId, oldStage, ruleStage));
        return events;
    }
}
