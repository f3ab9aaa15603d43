using PredictiveLeads.Api.Auth;

namespace PredictiveLeads.Api.Hosting;

/// <summary>
/// Refuses cross-origin requests that would act with a signed-in person's session cookie. SameSite=Strict keeps the
/// cookie from other sites, but not from another port or subdomain of the same site; so an unsafe request (anything
/// but GET, HEAD and OPTIONS) that carries the cookie, and every sign-in, must come from this origin: the browser's
/// <c>Sec-Fetch-Site: same-origin</c>, or an <c>Origin</c> equal to this service's. Requests with an API key carry no
/// ambient credential and are not concerned.
/// </summary>
public static class CrossSiteRequests
{
    public static WebApplication UseCrossSiteRequestChecks(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var withCookie = UsesSessionCookie(context);
            if (!IsUnsafe(context.Request.Method) || !(withCookie || IsSignIn(context)) || IsSameOrigin(context.Request, withCookie))
                return next(context);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-origin request refused",
                detail: "A request made with the dashboard's session must come from the dashboard's own origin (Origin or Sec-Fetch-Site); "
                    + "programs should send their API key in the X-Api-Key header instead.").ExecuteAsync(context);
        });
        return app;
    }

    private static bool IsUnsafe(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static bool UsesSessionCookie(HttpContext context) =>
        !context.Request.Headers.ContainsKey(ApiKeyHandler.Header) && context.Request.Cookies.ContainsKey(PeopleSignIn.CookieName);

    private static bool IsSignIn(HttpContext context) => context.Request.Path.StartsWithSegments("/v1/session");

    private static bool IsSameOrigin(HttpRequest request, bool withCookie)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
            return fetchSite is "same-origin";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
            return string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
        // Neither header: not a browser (browsers send Origin on every cross-origin unsafe request), so no session to abuse,
        // except for sign-in, which a program may call with its key in the body.
        return !withCookie;
    }
}
