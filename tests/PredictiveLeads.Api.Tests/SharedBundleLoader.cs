using System.Collections.Concurrent;
using System.Security.Cryptography;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Scoring.Bundles;

namespace PredictiveLeads.Api.Tests;

/// <summary>
/// Loads each distinct bundle once per test run: most tests serve their own copy of the same shipped bundle, and
/// loading its ML.NET model files dominated their start-up. Bundles are told apart by the bytes of every file in
/// them, so a changed, corrupt or foreign file is always loaded (and refused) for real.
/// </summary>
public sealed class SharedBundleLoader : IBundleLoader
{
    private static readonly ConcurrentDictionary<string, ModelBundle> Loaded = new(StringComparer.Ordinal);

    public ModelBundle Load(string directory)
    {
        if (!Directory.Exists(directory))
            return ModelBundle.Load(directory);
        var key = Fingerprint(directory);
        if (Loaded.TryGetValue(key, out var bundle))
            return bundle;
        bundle = ModelBundle.Load(directory);
        Loaded.TryAdd(key, bundle);
        return bundle;
    }

    private static string Fingerprint(string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(directory, file) + "\0"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
