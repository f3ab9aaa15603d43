using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Auth;

/// <summary>How long a dashboard session lasts (<c>Auth:SessionHours</c>), from sign-in, however much it is used.</summary>
public sealed class SessionOptions
{
    [System.ComponentModel.DataAnnotations.Range(0.01, 24 * 30)]
    public double SessionHours { get; set; } = 8;
}

/// <summary>
/// Dashboard sessions: sign-in stores a session for a random token and sets the token as an HttpOnly, SameSite=Strict
/// cookie (Secure over HTTPS); each request finds the session by the token's hash and checks it against the keys
/// configured now. A session ends at sign-out, at its absolute end, or at the first request after its key was removed,
/// rotated or given another role. The cookie holds nothing but the token, so no signing keys need sharing between instances.
/// </summary>
public sealed class Sessions(ISessionStore store, ApiKeyValidator keys, IOptionsMonitor<SessionOptions> options, TimeProvider clock)
{
    public const string CookieName = "predictiveleads_session";

    /// <summary>Starts a session for <paramref name="key"/> and sets its cookie.</summary>
    public async Task SignInAsync(HttpContext http, ApiKeyOptions key, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await store.DeleteExpiredSessionsAsync(now, cancellation);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var configured = keys.Configured(key.Name) ?? throw new InvalidOperationException($"the key '{key.Name}' is not configured");
        var expires = now.AddHours(options.CurrentValue.SessionHours);
        await store.CreateSessionAsync(new SessionRecord(Hash(token), key.Name, configured.Hash, key.Role, now, expires), cancellation);
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/", Expires = expires, IsEssential = true,
        });
    }

    /// <summary>The key of the request's session, or null with the reason when there is none or it has ended.</summary>
    public async Task<(ApiKeyOptions? Key, string? Ended)> FindAsync(HttpContext http, CancellationToken cancellation)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var token) || string.IsNullOrEmpty(token))
            return (null, "no session");
        var hash = Hash(token);
        if (await store.FindSessionAsync(hash, cancellation) is not { } session)
            return (null, "the session has ended");
        var configured = keys.Configured(session.KeyName);
        var ended = clock.GetUtcNow().UtcDateTime >= session.ExpiresAt ? "the session has expired"
            : configured is not { } current ? "its key is no longer configured"
            : current.Hash != session.KeyHash ? "its key was replaced"
            : current.Key.Role != session.Role ? "its key's role changed"
            : null;
        if (ended is null)
            return (configured!.Value.Key, null);
        await store.DeleteSessionAsync(hash, cancellation);
        return (null, ended);
    }

    /// <summary>Ends the request's session, if it has one, and clears its cookie.</summary>
    public async Task SignOutAsync(HttpContext http, CancellationToken cancellation)
    {
        if (http.Request.Cookies.TryGetValue(CookieName, out var token) && !string.IsNullOrEmpty(token))
            await store.DeleteSessionAsync(Hash(token), cancellation);
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps });
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
