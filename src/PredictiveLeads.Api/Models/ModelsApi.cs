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
        group.MapPost("/{name}/{version}/shadow", Shadow).WithName("ShadowModel").RequireAuthorization(Policies.Admin)
            .WithSummary("Make a published version the challenger: every scoring also scores it, logs it and compares it in monitoring, and never answers it. JSON body with the reason. Admin keys only.");
        group.MapPost("/{name}/{version}/promote", Promote).WithName("PromoteModel").RequireAuthorization(Policies.Admin)
            .WithSummary("Swap the challenger (this version) with the served version: it is served, and the version it replaces becomes the challenger. JSON body with the reason. Admin keys only.");
        group.MapDelete("/{name}/challenger", EndShadow).WithName("EndShadow").RequireAuthorization(Policies.Admin)
            .WithSummary("Stop scoring a challenger. Admin keys only.");
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
        var names = registry.Names().Select(name => new RegisteredModel(name, registry.CurrentOrNone(name), [.. registry.Versions(name)], registry.ChallengerOrNone(name)));
        return TypedResults.Ok(new ModelListResponse(models.Current?.Version, [.. names], models.Challenger?.Version));
    }

    public static Results<Ok<ChallengerResponse>, ValidationProblem, ProblemHttpResult> Shadow(string name, string version, ActivationRequest request, ModelHost models,
        ClaimsPrincipal user, ILogger<ModelHost> logger)
    {
        if (Invalid(name, version, request) is { } invalid)
            return invalid;
        if (!models.Registry.Versions(name).Contains(version))
            return UnknownVersion(name, version);
        if (models.Shadow(name, version) is { } refusal)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The version cannot be the challenger", detail: models.ForClients(refusal));
        logger.LogInformation("{Key} made {Name}/{Version} the challenger: {Reason}", user.Identity?.Name, name, version, request.Reason ?? "(no reason given)");
        return TypedResults.Ok(new ChallengerResponse(name, models.Registry.ChallengerOrNone(name), models.Current?.Version));
    }

    public static async Task<Results<Ok<ActivationResponse>, ValidationProblem, ProblemHttpResult>> Promote(string name, string version, ActivationRequest request,
        ModelHost models, ActivationEvents activations, ClaimsPrincipal user, ILogger<ModelHost> logger, CancellationToken cancellation)
    {
        if (Invalid(name, version, request) is { } invalid)
            return invalid;
        if (models.Registry.ChallengerOrNone(name) != version)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Only the challenger can be promoted",
                detail: $"'{version}' is not the challenger of '{name}' (the challenger is {models.Registry.ChallengerOrNone(name) ?? "none"}); make it one with POST .../{version}/shadow, or activate it directly");
        }
        if (models.Promote(name) is { } refusal)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The challenger cannot be served", detail: models.ForClients(refusal));
        logger.LogInformation("{Key} promoted challenger {Name}/{Version}: {Reason}", user.Identity?.Name, name, version, request.Reason ?? "(no reason given)");
        await activations.AnnounceAsync(cancellation);
        return TypedResults.Ok(new ActivationResponse(name, version, models.Current?.Version));
    }

    public static Results<Ok<ChallengerResponse>, ValidationProblem, ProblemHttpResult> EndShadow(string name, ModelHost models, ClaimsPrincipal user, ILogger<ModelHost> logger)
    {
        if (ModelRegistry.NameProblem(name) is { } badName)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [badName] });
        if (models.EndShadow(name) is { } refusal)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The challenger could not be removed", detail: models.ForClients(refusal));
        logger.LogInformation("{Key} ended shadow scoring of {Name}", user.Identity?.Name, name);
        return TypedResults.Ok(new ChallengerResponse(name, null, models.Current?.Version));
    }

    private static ValidationProblem? Invalid(string name, string version, ActivationRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (ModelRegistry.NameProblem(name) is { } badName)
            errors["name"] = [badName];
        if (ModelRegistry.VersionProblem(version) is { } badVersion)
            errors["version"] = [badVersion];
        if (StoredText.ReasonProblem(request.Reason) is { } badReason)
            errors["reason"] = [badReason];
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    private static ProblemHttpResult UnknownVersion(string name, string version) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown model version", detail: $"'{name}' has no published version '{version}'");

    public static async Task<Results<Ok<ActivationResponse>, ValidationProblem, ProblemHttpResult>> Activate(string name, string version, ActivationRequest request,
        ModelHost models, ActivationEvents activations, ClaimsPrincipal user, ILogger<ModelHost> logger, CancellationToken cancellation)
    {
        if (Invalid(name, version, request) is { } invalid)
            return invalid;
        if (!models.Registry.Versions(name).Contains(version))
            return UnknownVersion(name, version);
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
