using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PredictiveLeads.Api.Hosting;

/// <summary>The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (<c>Proxy:TrustedProxies</c>).</summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>The proxies' addresses. Empty: forwarded headers are ignored, from loopback too.</summary>
    public List<string> TrustedProxies { get; set; } = [];
}

/// <summary>
/// Honours forwarded headers only from configured proxies: the client address (for failed-authentication limits and
/// logs) and the scheme (so the session cookie is Secure behind a TLS-terminating proxy) come from the proxy's headers
/// only when the connection comes from one of them.
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>()?.TrustedProxies ?? [];
        var addresses = proxies.Select(text => IPAddress.TryParse(text, out var address) ? address
            : throw new InvalidOperationException($"Proxy:TrustedProxies: '{text}' is not an IP address")).ToList();
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in addresses)
                options.KnownProxies.Add(address);
        });
    }

    /// <summary>Reads forwarded headers when proxies are configured; with none, not at all (empty lists would trust every peer).</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (app.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>()?.TrustedProxies is { Count: > 0 })
            app.UseForwardedHeaders();
        return app;
    }
}
