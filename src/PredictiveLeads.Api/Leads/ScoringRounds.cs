using System.Security.Claims;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Api.Webhooks;

namespace PredictiveLeads.Api.Leads;

/// <summary>
/// Starts a request's <see cref="ScoringRound"/>: reads the previous scorings of the leads it is about to score, and takes
/// the challenger being scored in the shadow of <c>model</c>, if any.
/// </summary>
public sealed class ScoringRounds(ScoringMemory memory, PredictionLog log, WebhookPublisher webhooks, ModelHost models)
{
    private Shadow? _shadow;

    public async ValueTask<ScoringRound> StartAsync(ActiveModel model, IEnumerable<string?> leadIds, bool explained, ClaimsPrincipal user, CancellationToken cancellation) =>
        new(model, await memory.ReadAsync(leadIds, model.Bundle.Outcomes, explained, cancellation), memory, log, webhooks, user, ShadowOf(model));

    /// <summary>The challenger beside <paramref name="model"/>, and whether a lead parsed by the model reads the same for it (worked out once per pair).</summary>
    private Shadow? ShadowOf(ActiveModel model)
    {
        if (models.Challenger is not { } challenger || challenger.Version == model.Version)
            return null;
        var known = Volatile.Read(ref _shadow);
        if (known is not null && ReferenceEquals(known.Champion, model) && ReferenceEquals(known.Challenger, challenger))
            return known;
        var shadow = new Shadow(model, challenger, challenger.Leads.ParsesLike(model.Leads));
        Volatile.Write(ref _shadow, shadow);
        return shadow;
    }
}

/// <summary>A challenger scored beside a champion; <c>SameParsing</c> when the champion's parsed lead can be scored as it is.</summary>
public sealed record Shadow(ActiveModel Champion, ActiveModel Challenger, bool SameParsing);
