using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PredictiveLeads.Api.Auth;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Webhooks;
using PredictiveLeads.Scoring.Recording;
using PredictiveLeads.Scoring.Registry;

namespace PredictiveLeads.Api.Models;

/// <summary>The model being served, the registry's versions, and promotion or rollback.</summary>
public static class ModelsApi
{
    /// <summary>Each served version's card, built once from its files (they never change: versions are immutable).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ActiveModel, ModelCardResponse> Cards = [];

    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/models").WithTags("Models").RequireRateLimiting(RateLimits.PerKey);
        group.MapGet("/current", Current).WithName("CurrentModel").RequireAuthorization(Policies.Score)
            .WithSummary("The model card: version, training date and data, outcomes with test metrics for model and rules, and the fields expected.");
        group.MapGet("/", List).WithName("ListModels").RequireAuthorization(Policies.Score).WithSummary("Every model and version in the registry.");
        group.MapPost("/{name}/{version}/activate", Activate).WithName("ActivateModel").RequireAuthorization(Policies.Admin)
            .WithSummary("Make a published version active (promote or roll back), with a JSON body giving the reason. Admin keys only.");
        return group;
    }

    public static Results<Ok<ModelCardResponse>, ProblemHttpResult> Current(ModelHost models)
    {
        if (models.Current is not { } model)
            return NoModel.Problem(models);
        return TypedResults.Ok(Cards.GetValue(model, ModelCard.Build));
    }

    public static Ok<ModelListResponse> List(ModelHost models)
    {
        var registry = models.Registry;
        var names = registry.Names().Select(name => new RegisteredModel(name, registry.CurrentOrNone(name), [.. registry.Versions(name)]));
        return TypedResults.Ok(new ModelListResponse(models.Current?.Version, [.. names]));
    }

    public static async Task<Results<Ok<ActivationResponse>, ValidationProblem, ProblemHttpResult>> Activate(string name, string version, ActivationRequest request,
        ModelHost models, ActivationEvents activations, ClaimsPrincipal user, ILogger<ModelHost> logger, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (ModelRegistry.NameProblem(name) is { } badName)
            errors["name"] = [badName];
        if (ModelRegistry.VersionProblem(version) is { } badVersion)
            errors["version"] = [badVersion];
        if (StoredText.ReasonProblem(request.Reason) is { } badReason)
            errors["reason"] = [badReason];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        if (!models.Registry.Versions(name).Contains(version))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown model version", detail: $"'{name}' has no published version '{version}'");
        if (models.Activate(name, version) is { } refusal)
        {
            logger.LogError("Activation of {Name} {Version} refused: {Reason}", name, version, refusal);
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The version cannot be served", detail: models.ForClients(refusal));
        }
        logger.LogInformation("{Key} activated {Name}/{Version}: {Reason}", user.Identity?.Name, name, version, request.Reason ?? "(no reason given)");
        // model.activated is in the outbox before the activation is acknowledged.
        await activations.AnnounceAsync(cancellation);
        return TypedResults.Ok(new ActivationResponse(name, version, models.Current?.Version));
    }
}
