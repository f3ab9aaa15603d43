using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PredictiveLeads.Api.Auth;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;

namespace PredictiveLeads.Api.Dashboard;

/// <summary>Signing people in to the dashboard with an API key, in exchange for a session cookie.</summary>
public static class SessionApi
{
    public static RouteGroupBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/session").WithTags("Dashboard session");
        group.MapPost("", SignIn).AllowAnonymous().RequireRateLimiting(RateLimits.PerKey).WithName("SignIn")
            .WithSummary("Exchange an API key for an HttpOnly session cookie, for people using the dashboard.");
        group.MapGet("", Who).AllowAnonymous().RequireRateLimiting(RateLimits.PerKey).WithName("Session").WithSummary("Whether the caller is signed in (by session or key), as whom and with which role.");
        group.MapDelete("", (Delegate)SignOut).RequireRateLimiting(RateLimits.PerKey).WithName("SignOut").WithSummary("End the dashboard session.");
        return group;
    }

    public static async Task<IResult> SignIn(SignInRequest? request, ApiKeyValidator validator, AuthFailures failures, Sessions sessions, HttpContext http)
    {
        if (string.IsNullOrEmpty(request?.Key))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["key"] = ["an API key is required"] });
        if (failures.IsLockedOut(http))
        {
            await failures.LockedOut(http);
            return Results.Empty;
        }
        if (validator.Match(request.Key) is not { } key)
        {
            failures.Record(http);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unknown API key", detail: "That key is not configured for this service.");
        }
        await sessions.SignInAsync(http, key, http.RequestAborted);
        return TypedResults.NoContent();
    }

    public static Ok<SessionResponse> Who(ClaimsPrincipal user) => TypedResults.Ok(user.Identity?.IsAuthenticated == true
        ? new SessionResponse(true, user.Identity.Name, user.FindFirstValue(ClaimTypes.Role))
        : new SessionResponse(false, null, null));

    public static async Task<IResult> SignOut(HttpContext http, Sessions sessions)
    {
        await sessions.SignOutAsync(http, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
