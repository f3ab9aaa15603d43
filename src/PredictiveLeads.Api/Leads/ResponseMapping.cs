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
    public static LeadScoreResponse ToResponse(this LeadScore score, ActiveModel model, LeadScoreRequest request, IReadOnlyDictionary<string, PreviousScore>? previous = null)
    {
        var outcomes = new OutcomeScoreResponse[score.Outcomes.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var o = score.Outcomes[i];
            outcomes[i] = new OutcomeScoreResponse(
                o.Outcome,
                double.IsNaN(o.Probability) ? null : o.Probability,
                model.Grades.Of(o.Outcome, o.Probability),
                o.Source == OutcomeSource.Model ? "model" : "rules",
                Reasons(o.Positive),
                Reasons(o.Negative),
                o.ConditionalOn,
                o.Fit is { } fit ? FitEngagementCell.FitGrade(fit) : null,
                o.Engagement,
                ScoreChange.Between(previous?.GetValueOrDefault(o.Outcome), o, score.Explained) is { } change ? Change(change) : null);
        }
        return new LeadScoreResponse(model.QualifiedVersion, request.Id, request.AccountId, outcomes,
            score.Rules is { } rules ? new RulesResponse(rules.Points, rules.Stage, [.. rules.Hits.Select(h => new RuleHitResponse(h.Rule, h.Points))]) : null,
            score.Warnings);
    }

    /// <summary>The reasons as answered; none (most scorings without reasons) is one shared empty list.</summary>
    private static ReasonResponse[] Reasons(IReadOnlyList<Reason> reasons)
    {
        if (reasons.Count == 0)
            return [];
        var answered = new ReasonResponse[reasons.Count];
        for (var i = 0; i < answered.Length; i++)
            answered[i] = Reason(reasons[i]);
        return answered;
    }

    public static ScoreChangeResponse Change(ScoreChange change) => new(change.Probability, change.Since, change.PreviousModelVersion,
        change.Fields.Count == 0 ? [] : [.. change.Fields.Select(f => new FieldMoveResponse(f.Field, f.Before, f.After))], change.FieldsUnavailable);

    /// <summary>
    /// The scoring as the log keeps it, one record per outcome with every field's contribution when explained, and what a
    /// later scoring of the lead compares with.
    /// </summary>
    public static (IReadOnlyList<PredictionRecord> Records, IReadOnlyList<(string Outcome, PreviousScore Score)> Scores) ForLog(LeadScoreResponse response,
        LeadScore score, ClaimsPrincipal user, DateTime now, ChallengerScores? challenger = null)
    {
        var key = user.Identity?.Name ?? "anonymous";
        var stage = response.Rules?.Stage.Name();
        var records = new List<PredictionRecord>(response.Outcomes.Count);
        var scores = new List<(string, PreviousScore)>(response.Outcomes.Count);
        for (var i = 0; i < response.Outcomes.Count; i++)
        {
            var outcome = response.Outcomes[i];
            var contributions = score.Outcomes[i].Contributions;
            var reasons = contributions is null || contributions.Count == 0 ? null
                : LoggedReasons.Format(contributions.Select(c => new LoggedReason(c.Field, c.Contribution)));
            var cell = score.Outcomes[i] is { Fit: { } fit, Engagement: { } engagement } ? new FitEngagementCell(fit, engagement).ToString() : null;
            records.Add(new PredictionRecord(now, key, response.ModelVersion, response.Id, response.AccountId, outcome.Outcome, outcome.Probability,
                response.Rules?.Points, stage, reasons, cell)
            {
                Segment = score.Segment, Owner = score.Owner, Grade = outcome.Grade, ChallengerVersion = challenger?.Version, ChallengerProbability = challenger?.Of(outcome.Outcome),
            });
            scores.Add((outcome.Outcome, new PreviousScore(outcome.Probability, now, response.ModelVersion, contributions) { Grade = outcome.Grade, RuleStage = stage }));
        }
        return (records, scores);
    }

    private static ReasonResponse Reason(Reason r) => new(r.Field, r.Value, r.Contribution, r.Sentence);
}

/// <summary>A challenger's probabilities of a lead, scored in the shadow of the served version (never answered).</summary>
public sealed record ChallengerScores(string Version, IReadOnlyList<(string Outcome, double Probability)> Probabilities)
{
    public double? Of(string outcome)
    {
        foreach (var (name, probability) in Probabilities)
        {
            if (name == outcome)
                return double.IsNaN(probability) ? null : probability;
        }
        return null;
    }
}
