using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PredictiveLeads.Api.Auth;

/// <summary>Authenticates the <c>X-Api-Key</c> header against the configured keys; the caller's identity is the key's name.</summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyValidator validator,
    AuthFailures failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (failures.IsLockedOut(Context))
        {
            Context.Items[AuthFailures.LockedOutItem] = true;
            return Task.FromResult(AuthenticateResult.Fail("too many failed authentications from this client"));
        }
        if (validator.Match(values[0]!) is not { } match)
        {
            failures.Record(Context);
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        }
        return Signedin.GetValue(match, SignIn);
    }

    private static Task<AuthenticateResult> SignIn(ApiKeyOptions key)
    {
        var principal = Principal(key, SchemeName);
        Shared.AddOrUpdate(principal, key);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <summary>Whether <paramref name="principal"/> is a key's shared sign-in, the same object for every request with that key.</summary>
    public static bool IsShared(ClaimsPrincipal principal) => Shared.TryGetValue(principal, out _);

    /// <summary>
    /// Each configured key's sign-in, made once: nothing in the service changes a principal or its ticket after
    /// authentication (the tests run every endpoint through these shared ones), and a changed configuration brings new
    /// key objects, so new sign-ins, while the old ones are collected.
    /// </summary>
    private static readonly ConditionalWeakTable<ApiKeyOptions, Task<AuthenticateResult>> Signedin = [];

    private static readonly ConditionalWeakTable<ClaimsPrincipal, ApiKeyOptions> Shared = [];

    public static ClaimsPrincipal Principal(ApiKeyOptions key, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role)], scheme));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Context.Items.ContainsKey(AuthFailures.LockedOutItem) ? failures.LockedOut(Context) : Problems.Unauthorized(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Problems.Forbidden(Context);
}

/// <summary>The authorization policies of the API.</summary>
public static class Policies
{
    public const string Score = "score";
    public const string Admin = "admin";
}

/// <summary>The problem responses of failed authentication, the same whichever way the caller signed in.</summary>
internal static class Problems
{
    public static Task Unauthorized(HttpContext context) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Missing or unknown API key",
            detail: $"Send a valid key in the {ApiKeyHandler.Header} header, or sign in to the dashboard.").ExecuteAsync(context);

    public static Task Forbidden(HttpContext context) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed for this API key", detail: "This endpoint needs an admin key.").ExecuteAsync(context);
}
