using Microsoft.AspNetCore.Authentication;

namespace PredictiveLeads.Api.Auth;

/// <summary>
/// How the service authenticates: machines send an API key with every call; people sign in to the dashboard
/// once with a key and then carry a session cookie (see <see cref="Sessions"/>). Requests with the key header
/// use the key, requests with only the cookie use the session; either way a failure is a problem response,
/// never a redirect.
/// </summary>
public static class PeopleSignIn
{
    public const string CookieName = Sessions.CookieName;

    public static IServiceCollection AddKeyOrCookieAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyValidator>();
        services.AddSingleton<Sessions>();
        services.AddOptions<SessionOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The key scheme is the default and hands cookie-only requests to the session scheme itself: a policy scheme in
        // front of both cost every API call a second handler (created, initialised, forwarded) for nothing.
        services.AddAuthentication(ApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, "API key or dashboard session", key => key.ForwardDefaultSelector = http =>
                !http.Request.Headers.ContainsKey(ApiKeyHandler.Header) && http.Request.Cookies.ContainsKey(CookieName) ? SessionHandler.SchemeName : null)
            .AddScheme<AuthenticationSchemeOptions, SessionHandler>(SessionHandler.SchemeName, null);
        return services;
    }
}
