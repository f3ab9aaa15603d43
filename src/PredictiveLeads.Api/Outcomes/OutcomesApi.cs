using Microsoft.AspNetCore.Http.HttpResults;
using PredictiveLeads.Api.Auth;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Recording;

namespace PredictiveLeads.Api.Outcomes;

/// <summary>Recording what really happened to leads, for monitoring and retraining.</summary>
public static class OutcomesApi
{
    public static RouteGroupBuilder MapOutcomesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/outcomes").WithTags("Outcomes").RequireAuthorization(Policies.Score).RequireRateLimiting(RateLimits.PerKey);
        group.MapPost("/", Record).WithName("RecordOutcome")
            .WithSummary("Record a stage a lead reached, or one of the served model's outcomes by name with its value. Answered only once stored durably; recording the same again changes nothing.");
        return group;
    }

    public static async Task<Results<Created<OutcomeResponse>, Ok<OutcomeResponse>, ValidationProblem>> Record(OutcomeRequest? request, IPredictionStore store, ModelHost models,
        StorageHealth health, TimeProvider clock, CancellationToken cancellation)
    {
        var (record, errors) = OutcomeRecording.Check(models.Current?.Bundle.Manifest, request?.Stage, request?.Outcome, request?.Value);
        if (string.IsNullOrWhiteSpace(request?.LeadId))
            errors["leadId"] = ["is required"];
        else if (StoredText.IdProblem(request.LeadId) is { } badId)
            errors["leadId"] = [badId];
        if (StoredText.ReasonProblem(request?.DisqualificationReason) is { } badReason)
            errors["disqualificationReason"] = [badReason];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        var reachedAt = (request!.ReachedAt ?? now).ToUniversalTime();
        var created = await store.InsertOutcomeAsync(new OutcomeRecord(request.LeadId!, record!.Stored, reachedAt, request.DisqualificationReason, now), cancellation);
        health.WriteSucceeded();
        var response = new OutcomeResponse(request.LeadId!, record.Stage, reachedAt, created, record.Outcome, record.Value);
        return created ? TypedResults.Created($"/v1/leads/{Uri.EscapeDataString(request.LeadId!)}/history", response) : TypedResults.Ok(response);
    }
}
