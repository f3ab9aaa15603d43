using Microsoft.AspNetCore.Http.HttpResults;
using PredictiveLeads.Api.Auth;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Api.Outcomes;

/// <summary>Recording what really happened to leads, for monitoring and retraining.</summary>
public static class OutcomesApi
{
    public static RouteGroupBuilder MapOutcomesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/outcomes").WithTags("Outcomes").RequireAuthorization(Policies.Score).RequireRateLimiting(RateLimits.PerKey);
        group.MapPost("/", Record).WithName("RecordOutcome")
            .WithSummary("Record a stage a lead reached. Answered only once stored durably; recording the same lead and stage again changes nothing.");
        return group;
    }

    public static async Task<Results<Created<OutcomeResponse>, Ok<OutcomeResponse>, ValidationProblem>> Record(OutcomeRequest? request, IPredictionStore store, TimeProvider clock, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.LeadId))
            errors["leadId"] = ["is required"];
        var stage = FunnelStages.Parse(request?.Stage);
        if (stage is not { } recorded || !FunnelStages.Recordable.Contains(recorded))
            errors["stage"] = [$"must be one of {string.Join(", ", FunnelStages.Recordable.Select(s => s.Name()))}"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        var reachedAt = (request!.ReachedAt ?? now).ToUniversalTime();
        var created = await store.InsertOutcomeAsync(new OutcomeRecord(request.LeadId!, stage!.Value.Name(), reachedAt, request.DisqualificationReason, now), cancellation);
        var response = new OutcomeResponse(request.LeadId!, stage!.Value, reachedAt, created);
        return created ? TypedResults.Created($"/v1/leads/{Uri.EscapeDataString(request.LeadId!)}/history", response) : TypedResults.Ok(response);
    }
}
