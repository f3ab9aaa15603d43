using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PredictiveLeads.Api.Auth;

/// <summary>
/// Finds the configured key a caller presented. Keys are compared as SHA-256 hashes in constant time, so neither
/// timing nor logs reveal them; the hashes are computed once per configuration rather than per request.
/// </summary>
public sealed class ApiKeyValidator(IOptionsMonitor<AuthOptions> keys)
{
    private const int MostStackBytes = 512;

    /// <summary>Each thread's SHA-256, reused: a new one per request cost more than hashing the key.</summary>
    [ThreadStatic]
    private static IncrementalHash? Sha256;

    private KeyCache? _cache;

    public ApiKeyOptions? Match(string presentedKey)
    {
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(presentedKey, presented);
        ApiKeyOptions? match = null;
        foreach (var (key, expected) in KeyHashes())
        {
            // Every key is compared, matched or not, so the time taken says nothing about which was close.
            if (CryptographicOperations.FixedTimeEquals(presented, expected))
                match = key;
        }
        return match;
    }

    /// <summary>The configured key named <paramref name="name"/> and the hex SHA-256 of its key; null when no key has that name now.</summary>
    public (ApiKeyOptions Key, string Hash)? Configured(string name)
    {
        foreach (var (key, hash) in KeyHashes())
        {
            if (key.Name == name)
                return (key, Convert.ToHexStringLower(hash));
        }
        return null;
    }

    private static void Hash(string key, Span<byte> hash)
    {
        var length = Encoding.UTF8.GetByteCount(key);
        Span<byte> utf8 = length <= MostStackBytes ? stackalloc byte[MostStackBytes] : new byte[length];
        Encoding.UTF8.GetBytes(key, utf8);
        var sha256 = Sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(utf8[..length]);
        sha256.GetHashAndReset(hash);
        CryptographicOperations.ZeroMemory(utf8[..length]);
    }

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
}
