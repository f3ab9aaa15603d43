using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace PredictiveLeads.Api.Auth;

/// <summary>
/// How the service authenticates: machines send an API key with every call; people sign in to the dashboard
/// once with a key and then carry an HttpOnly, SameSite=Strict session cookie. Requests with the key header
/// use the key, requests with only the cookie use the cookie; either way a failure is a problem response,
/// never a redirect.
/// </summary>
public static class PeopleSignIn
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = "predictiveleads_session";
    private const string KeyOrCookie = "KeyOrCookie";

    public static IServiceCollection AddKeyOrCookieAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyValidator>();
        services.AddAuthentication(KeyOrCookie)
            .AddPolicyScheme(KeyOrCookie, "API key or dashboard session", policy => policy.ForwardDefaultSelector = http =>
                !http.Request.Headers.ContainsKey(ApiKeyHandler.Header) && http.Request.Cookies.ContainsKey(CookieName) ? CookieScheme : ApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null)
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.Events.OnRedirectToLogin = context => Problems.Unauthorized(context.HttpContext);
                cookie.Events.OnRedirectToAccessDenied = context => Problems.Forbidden(context.HttpContext);
            });
        return services;
    }
}
