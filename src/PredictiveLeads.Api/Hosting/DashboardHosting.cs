namespace PredictiveLeads.Api.Hosting;

/// <summary>
/// Serves the dashboard's files from wwwroot/dashboard. The files hold no data (everything comes from the
/// authenticated API), so they are public; a strict content security policy lets the page load nothing but
/// this service's own scripts, styles and data.
/// </summary>
public static class DashboardHosting
{
    public const string Path = "/dashboard";

    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path))
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-cache";
                // Relative asset paths need the trailing slash; routing would treat both forms alike, so it is done here.
                if (context.Request.Path.Value == Path)
                {
                    context.Response.Redirect(Path + "/" + context.Request.QueryString);
                    return Task.CompletedTask;
                }
            }
            return next(context);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}
