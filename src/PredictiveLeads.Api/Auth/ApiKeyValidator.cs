using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PredictiveLeads.Api.Auth;

/// <summary>
/// Finds the configured key a caller presented. Keys are compared as SHA-256 hashes in constant time, so neither
/// timing nor logs reveal them; the hashes are computed once per configuration rather than per request. A key once
/// matched is found again without SHA-256 (a sixtieth of a scoring's time) until the configuration changes, by a lookup
/// that is no easier to time: the process's randomly seeded string hash, then a constant-time comparison.
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
        var configured = Configuration();
        if (configured.Matched.TryGetValue(presentedKey, out var known))
            return known;
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(presentedKey, presented);
        ApiKeyOptions? match = null;
        foreach (var (key, expected) in configured.Hashes)
        {
            // Every key is compared, matched or not, so the time taken says nothing about which was close.
            if (CryptographicOperations.FixedTimeEquals(presented, expected))
                match = key;
        }
        // Only keys that matched are kept, so at most one entry per configured key.
        if (match is not null && configured.Matched.Count < configured.Hashes.Count)
            configured.Matched.TryAdd(presentedKey, match);
        return match;
    }

    /// <summary>The configured key named <paramref name="name"/> and the hex SHA-256 of its key; null when no key has that name now.</summary>
    public (ApiKeyOptions Key, string Hash)? Configured(string name)
    {
        foreach (var (key, hash) in Configuration().Hashes)
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

    private KeyCache Configuration()
    {
        var configured = keys.CurrentValue;
        if (Volatile.Read(ref _cache) is { } cached && cached.Source == configured)
            return cached;
        var hashes = configured.ApiKeys
            .Select(k => (k, k.KeyHash is { } hex ? Convert.FromHexString(hex) : SHA256.HashData(Encoding.UTF8.GetBytes(k.Key ?? ""))))
            .ToList();
        var cache = new KeyCache(configured, hashes, new ConcurrentDictionary<string, ApiKeyOptions>(PresentedKeys.Instance));
        Volatile.Write(ref _cache, cache);
        return cache;
    }

    /// <summary>
    /// Presented keys compared as the key hashes are: in constant time. Hashed by the string's own hash, seeded randomly
    /// per process; the dictionary would otherwise swap an ordinal comparer for an unseeded one.
    /// </summary>
    private sealed class PresentedKeys : IEqualityComparer<string>
    {
        public static readonly PresentedKeys Instance = new();

        public bool Equals(string? x, string? y) =>
            x is not null && y is not null && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(x.AsSpan()), MemoryMarshal.AsBytes(y.AsSpan()));

        public int GetHashCode(string key) => key.GetHashCode();
    }

    /// <summary>One configuration's key hashes, and the keys presented so far that matched one (presented key → key).</summary>
    private sealed record KeyCache(AuthOptions Source, List<(ApiKeyOptions Key, byte[] Hash)> Hashes, ConcurrentDictionary<string, ApiKeyOptions> Matched);
}
