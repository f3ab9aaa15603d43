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
    public static LeadScoreResponse ToResponse(this LeadScore score, ActiveModel model, LeadScoreRequest request) => new(
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
            o.Engagement))],
        score.Rules is { } rules ? new RulesResponse(rules.Points, rules.Stage,
            [.. rules.Hits.Select(h => new RuleHitResponse(h.Rule, h.Points))]) : null,
        score.Warnings);

    public static void Log(this PredictionLog log, LeadScoreResponse response, ClaimsPrincipal user)
    {
        var now = log.Clock.GetUtcNow().UtcDateTime;
        var key = user.Identity?.Name ?? "anonymous";
        foreach (var outcome in response.Outcomes)
        {
            var reasons = outcome.PositiveReasons.Count + outcome.NegativeReasons.Count == 0 ? null
                : LoggedReasons.Format(outcome.PositiveReasons.Concat(outcome.NegativeReasons).Select(r => new LoggedReason(r.Field, r.Contribution)));
            var cell = outcome is { FitGrade: { } fit, EngagementGrade: { } engagement } ? fit + engagement.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            log.Add(new PredictionRecord(now, key, response.ModelVersion, response.Id, response.AccountId, outcome.Outcome, outcome.Probability,
                response.Rules?.Points, response.Rules?.Stage.Name(), reasons, cell));
        }
    }

    private static ReasonResponse Reason(Reason r) => new(r.Field, r.Value, r.Contribution, r.Sentence);
}
