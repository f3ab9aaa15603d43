using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PredictiveLeads.Api.Auth;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header against the configured keys. Keys are compared as SHA-256 hashes
/// in constant time, so neither timing nor logs reveal them; the caller's identity is the key's name.
/// </summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptionsMonitor<AuthOptions> keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
            return Task.FromResult(AuthenticateResult.NoResult());
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(values[0]!));
        ApiKeyOptions? match = null;
        foreach (var (key, expected) in KeyHashes())
        {
            // Every key is compared, matched or not, so the time taken says nothing about which was close.
            if (CryptographicOperations.FixedTimeEquals(presented, expected))
                match = key;
        }
        if (match is null)
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, match.Name), new Claim(ClaimTypes.Role, match.Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>The configured keys with their SHA-256, computed once per configuration rather than per request.</summary>
    private List<(ApiKeyOptions Key, byte[] Hash)> KeyHashes()
    {
        var configured = keys.CurrentValue;
        if (Volatile.Read(ref _cache) is { } cached && cached.Source == configured)
            return cached.Hashes;
        var hashes = configured.ApiKeys
            .Select(k => (k, k.KeyHash is { } hex ? Convert.FromHexString(hex) : SHA256.HashData(Encoding.UTF8.GetBytes(k.Key ?? ""))))
            .ToList();
        Volatile.Write(ref _cache, new KeyCache(configured, hashes));
        return hashes;
    }

    private sealed record KeyCache(AuthOptions Source, List<(ApiKeyOptions Key, byte[] Hash)> Hashes);

    private static KeyCache? _cache;

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status401Unauthorized, "Missing or unknown API key", $"Send a valid key in the {Header} header.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status403Forbidden, "Not allowed for this API key", "This endpoint needs an admin key.");

    private Task Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(Context);
}

/// <summary>The authorization policies of the API.</summary>
public static class Policies
{
    public const string Score = "score";
    public const string Admin = "admin";
}
