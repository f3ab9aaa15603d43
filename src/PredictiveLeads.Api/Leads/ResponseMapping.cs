using System.Security.Claims;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.FitEngagement;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Live;

namespace PredictiveLeads.Api.Leads;

/// <summary>Turns domain scores into API responses and prediction log records.</summary>
public static class ResponseMapping
{
    /// <summary>The answer to a scoring; each outcome's change is since <c>previous</c>, the lead's previous scoring per outcome (null when none).</summary>
    public static LeadScoreResponse ToResponse(this LeadScore score, ActiveModel model, LeadScoreRequest request, IReadOnlyDictionary<string, PreviousScore>? previous = null) => new(
        model.QualifiedVersion,
        request.Id,
        request.AccountId,
        [.. score.Outcomes.Select(o => new OutcomeScoreResponse(
            o.Outcome,
            double.IsNaN(o.Probability) ? null : o.Probability,
            model.Grades.Of(o.Outcome, o.Probability),
            o.Source == OutcomeSource.Model ? "model" : "rules",
            [.. o.Positive.Select(Reason)],
            [.. o.Negative.Select(Reason)],
            o.ConditionalOn,
            o.Fit is { } fit ? FitEngagementCell.FitGrade(fit) : null,
            o.Engagement,
            ScoreChange.Between(previous?.GetValueOrDefault(o.Outcome), o, score.Explained) is { } change ? Change(change) : null))],
        score.Rules is { } rules ? new RulesResponse(rules.Points, rules.Stage,
            [.. rules.Hits.Select(h => new RuleHitResponse(h.Rule, h.Points))]) : null,
        score.Warnings);

    public static ScoreChangeResponse Change(ScoreChange change) => new(change.Probability, change.Since, change.PreviousModelVersion,
        [.. change.Fields.Select(f => new FieldMoveResponse(f.Field, f.Before, f.After))], change.FieldsUnavailable);

    /// <summary>
    /// Queues the scoring for the log, one record per outcome with every field's contribution when explained, and returns
    /// what a later item of the same request compares with.
    /// </summary>
    public static IReadOnlyList<(string Outcome, PreviousScore Score)> Log(this PredictionLog log, LeadScoreResponse response, LeadScore score, ClaimsPrincipal user)
    {
        var now = log.Clock.GetUtcNow().UtcDateTime;
        var key = user.Identity?.Name ?? "anonymous";
        var logged = new List<(string, PreviousScore)>(response.Outcomes.Count);
        for (var i = 0; i < response.Outcomes.Count; i++)
        {
            var outcome = response.Outcomes[i];
            var contributions = score.Outcomes[i].Contributions;
            var reasons = contributions is null || contributions.Count == 0 ? null
                : LoggedReasons.Format(contributions.Select(c => new LoggedReason(c.Field, c.Contribution)));
            var cell = score.Outcomes[i] is { Fit: { } fit, Engagement: { } engagement } ? new FitEngagementCell(fit, engagement).ToString() : null;
            log.Add(new PredictionRecord(now, key, response.ModelVersion, response.Id, response.AccountId, outcome.Outcome, outcome.Probability,
                response.Rules?.Points, response.Rules?.Stage.Name(), reasons, cell) { Segment = score.Segment, Owner = score.Owner });
            logged.Add((outcome.Outcome, new PreviousScore(outcome.Probability, now, response.ModelVersion, contributions)));
        }
        return logged;
    }

    private static ReasonResponse Reason(Reason r) => new(r.Field, r.Value, r.Contribution, r.Sentence);
}
