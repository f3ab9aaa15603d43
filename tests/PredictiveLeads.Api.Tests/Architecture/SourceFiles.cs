namespace PredictiveLeads.Api.Tests.Architecture;

/// <summary>The C# files written by hand under a folder: build output (bin, obj) left out.</summary>
internal static class SourceFiles
{
    public static IEnumerable<string> Under(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
}
