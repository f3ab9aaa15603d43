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
    private const string KeyOrSession = "KeyOrSession";

    public static IServiceCollection AddKeyOrCookieAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyValidator>();
        services.AddSingleton<Sessions>();
        services.AddOptions<SessionOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication(KeyOrSession)
            .AddPolicyScheme(KeyOrSession, "API key or dashboard session", policy => policy.ForwardDefaultSelector = http =>
                !http.Request.Headers.ContainsKey(ApiKeyHandler.Header) && http.Request.Cookies.ContainsKey(CookieName) ? SessionHandler.SchemeName : ApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, SessionHandler>(SessionHandler.SchemeName, null);
        return services;
    }
}
