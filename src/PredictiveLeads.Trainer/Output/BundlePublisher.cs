namespace PredictiveLeads.Trainer.Output;

/// <summary>
/// Writes a bundle into a fresh sibling directory and swaps it into place only when every file is written,
/// so a failed or interrupted training never leaves a half-written bundle where a model used to be.
/// </summary>
internal static class BundlePublisher
{
    public static void Publish(string directory, Action<string> write) => Publish(directory, write, Directory.Move);

    /// <param name="directory">Where the bundle goes; a bundle already there is replaced only once the new one is complete.</param>
    /// <param name="write">Writes the bundle's files into the folder it is given.</param>
    /// <param name="move">Renames a directory (a parameter so a test can make the swap fail).</param>
    internal static void Publish(string directory, Action<string> write, Action<string, string> move)
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
            var replacing = Directory.Exists(target);
            if (replacing)
                move(target, previous);
            try
            {
                move(staging, target);
            }
            catch when (replacing)
            {
                // The new bundle could not take the old one's place: put the old one back before reporting the failure.
                move(previous, target);
                throw;
            }
            if (replacing)
                Directory.Delete(previous, recursive: true);
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }
}
