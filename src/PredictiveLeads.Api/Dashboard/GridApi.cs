using Microsoft.AspNetCore.Http.HttpResults;
using PredictiveLeads.Api.Auth;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;

namespace PredictiveLeads.Api.Dashboard;

/// <summary>The fit × engagement grid on the served version's test leads, for sales leaders to see which cells convert.</summary>
public static class GridApi
{
    public static IEndpointRouteBuilder MapGridApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/dashboard/grid", Grid).WithTags("Dashboard").WithName("FitEngagementGrid").RequireAuthorization(Policies.Score).RequireRateLimiting(RateLimits.PerKey)
            .WithSummary("Fit (A–D) × engagement (1–4) on the served version's test leads: leads and conversion rate per cell.");
        return app;
    }

    public static Results<Ok<FitEngagementGridResponse>, ValidationProblem, ProblemHttpResult> Grid(string? outcome, ModelHost models, HoldoutCache holdouts)
    {
        if (models.Current is not { } model)
            return NoModel.Problem(models);
        var outcomes = model.Bundle.Manifest.Outcomes;
        if (outcomes.FirstOrDefault(o => o.Label == outcome) is not { } served)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["outcome"] = [$"is required: one of {string.Join(", ", outcomes.Select(o => o.Label))}"] });
        var (fitFields, engagementFields) = (served.Fit?.Fields ?? [], served.Engagement?.Fields ?? []);
        FitEngagementGridResponse Unavailable(string why) => new(served.Label, model.QualifiedVersion, fitFields, engagementFields, [], why);
        if (served.Fit is null || served.Engagement is null)
            return TypedResults.Ok(Unavailable($"{model.QualifiedVersion} does not grade {served.Label} by fit and engagement: its training schema declared no \"fit\" and \"engagement\" fields the model reads (profile proposes them)"));
        if (holdouts.For(model)?.Outcomes.GetValueOrDefault(served.Label)?.Grid() is not { } grid)
            return TypedResults.Ok(Unavailable($"{model.QualifiedVersion} keeps no fit and engagement grades of its test leads (holdout.json is missing or older than the grades)"));
        return TypedResults.Ok(new FitEngagementGridResponse(served.Label, model.QualifiedVersion, fitFields, engagementFields,
            [.. grid.Select(c => new GridCellResponse(c.Fit, c.Engagement, c.Leads, c.Converted, c.Rate))], null));
    }
}
