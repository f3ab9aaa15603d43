using System.Security.Cryptography;

namespace PredictiveLeads.Trainer.Output;

/// <summary>Content hashes of input files, recorded so a model can be traced to its data.</summary>
internal static class FileHash
{
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
