namespace PredictiveLeads.Trainer.Output;

/// <summary>
/// Writes a bundle into a fresh sibling directory and swaps it into place only when every file is written,
/// so a failed or interrupted training never leaves a half-written bundle where a model used to be.
/// </summary>
internal static class BundlePublisher
{
    public static void Publish(string directory, Action<string> write)
    {
        var target = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(target);
        var staging = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.tmp");
        var previous = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.old");
        try
        {
            Directory.CreateDirectory(staging);
            write(staging);
            if (Directory.Exists(target))
                Directory.Move(target, previous);
            Directory.Move(staging, target);
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
            if (Directory.Exists(previous))
                Directory.Delete(previous, recursive: true);
        }
    }
}
