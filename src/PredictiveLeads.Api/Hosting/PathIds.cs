using Microsoft.AspNetCore.Http.Features;

namespace PredictiveLeads.Api.Hosting;

/// <summary>
/// Ids taken from a URL path, decoded exactly once. ASP.NET Core decodes a path except for an encoded slash, so the
/// route value of <c>acme%2F0042</c> keeps its <c>%2F</c> while that of <c>acme%252F0042</c> becomes the same text;
/// the id is therefore read from the raw request target.
/// </summary>
public static class PathIds
{
    /// <summary>The path segment <paramref name="fromEnd"/> places from the end (1 is the last), decoded.</summary>
    public static string FromEnd(HttpContext http, int fromEnd)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
            raw = http.Request.PathBase + http.Request.Path.ToUriComponent();
        var segments = raw.Split('?', 2)[0].Split('/');
        return Uri.UnescapeDataString(segments[^fromEnd]);
    }
}
