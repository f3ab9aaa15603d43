namespace PredictiveLeads.Api.Hosting;

/// <summary>
/// Headers on every answer: no content sniffing, no referrer, no framing, and a content security policy: none at all for
/// the API's data, and for Swagger UI its own scripts and styles only. The dashboard sets its own policy.
/// </summary>
public static class SecurityHeaders
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    // Swagger UI's page sets a few styles inline; its scripts are files of its own.
    private const string SwaggerPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            var path = context.Request.Path;
            if (path.StartsWithSegments("/swagger"))
                headers.ContentSecurityPolicy = SwaggerPolicy;
            else if (!path.StartsWithSegments(DashboardHosting.Path))
                headers.ContentSecurityPolicy = ApiPolicy;
            if (path.StartsWithSegments("/v1"))
                headers.CacheControl = "no-store";
            return next(context);
        });
        return app;
    }
}
