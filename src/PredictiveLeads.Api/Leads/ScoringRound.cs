using System.Security.Claims;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Api.Webhooks;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Live;
using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Api.Leads;

/// <summary>
/// One request's scorings. Each is compared with the lead's previous scoring, and the webhook events it causes are
/// gathered; <see cref="CommitAsync"/> stores those events in the outbox first, and only then queues the scorings for the
/// log and remembers them. A request whose events cannot be stored fails (503) having changed nothing, so that its retry
/// causes the same events again instead of finding them already scored.
/// </summary>
public sealed class ScoringRound
{
    private readonly ActiveModel _model;
    private readonly ScoringMemory _memory;
    private readonly PredictionLog _log;
    private readonly WebhookPublisher _webhooks;
    private readonly ClaimsPrincipal _user;
    private readonly bool _wantsEvents;
    // Room for the one lead of most requests; a batch's list grows as usual.
    private readonly List<(string? LeadId, IReadOnlyList<PredictionRecord> Records, IReadOnlyList<(string, PreviousScore)> Scores, LeadScore Score)> _scored = new(1);
    private readonly List<WebhookEvent> _events = [];
    private readonly Shadow? _shadow;

    internal ScoringRound(ActiveModel model, PreviousScores previous, ScoringMemory memory, PredictionLog log, WebhookPublisher webhooks, ClaimsPrincipal user,
        Shadow? shadow)
    {
        _shadow = shadow;
        _model = model;
        Previous = previous;
        _memory = memory;
        _log = log;
        _webhooks = webhooks;
        _user = user;
        _wantsEvents = webhooks.WantsLeadEvents;
    }

    public PreviousScores Previous { get; }

    /// <summary>Takes a scoring just answered (by <paramref name="response"/>) into the round.</summary>
    public void Add(LeadScoreResponse response, LeadScore score)
    {
        var now = _log.Clock.GetUtcNow().UtcDateTime;
        var challenger = _shadow is not null ? ScoreInShadow(_shadow, score) : null;
        var (records, scores) = ResponseMapping.ForLog(response, score, _user, now, challenger);
        if (_wantsEvents && response.Id is { } leadId)
        {
            _events.AddRange(LeadEvents.Of(leadId, [.. response.Outcomes.Select(o => new ScoredOutcome(o.Outcome, o.Probability, o.Grade))], response.Rules?.Stage.Name(),
                Previous.Of(leadId), new EventModel(_model.Name, _model.Version), now, _webhooks.Thresholds, _webhooks.Wants));
        }
        Previous.Scored(response.Id, scores);
        _scored.Add((response.Id, records, scores, score));
    }

    /// <summary>
    /// The challenger's probabilities of the same lead, logged on the champion's rows (one row per outcome either way, so
    /// the challenger costs the log nothing more); null when the challenger cannot read the lead.
    /// </summary>
    private static ChallengerScores? ScoreInShadow(Shadow shadow, LeadScore score) =>
        shadow.Challenger.Leads.ProbabilitiesOf(score, shadow.SameParsing) is { } probabilities ? new ChallengerScores(shadow.Challenger.QualifiedVersion, probabilities) : null;

    /// <summary>Stores the round's events durably (throws when the database cannot), then logs, remembers and counts its scorings.</summary>
    public async Task CommitAsync(CancellationToken cancellation)
    {
        if (_events.Count > 0)
            await _webhooks.PublishAsync(_events, _log.Clock.GetUtcNow().UtcDateTime, cancellation);
        foreach (var (leadId, records, scores, score) in _scored)
        {
            _model.Fields?.Count(score.Lead);
            foreach (var record in records)
                _log.Add(record);
            if (leadId is not null)
                _memory.Remember(leadId, scores);
        }
    }
}
