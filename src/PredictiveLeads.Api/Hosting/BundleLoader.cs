using PredictiveLeads.Scoring.Bundles;

namespace PredictiveLeads.Api.Hosting;

/// <summary>How the model host reads a version's bundle; a seam so tests can share bundles whose files are identical.</summary>
public interface IBundleLoader
{
    /// <summary>Loads and checks the bundle in <paramref name="directory"/>, refusing a bad one with a <c>ModelFormatException</c>.</summary>
    ModelBundle Load(string directory);
}

/// <summary>Reads every bundle from disk, checked in full.</summary>
public sealed class DiskBundleLoader : IBundleLoader
{
    public ModelBundle Load(string directory) => ModelBundle.Load(directory);
}
