using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PredictiveLeads.Scoring.Tests.Notebooks;

/// <summary>Checks on the committed notebook files themselves; running them is <see cref="NotebookTests"/>'s job.</summary>
public sealed partial class NotebookSourceTests
{
    public static TheoryData<string> Notebooks { get; } =
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "notebooks"), "*.ipynb").Select(path => Path.GetFileName(path)).Order()];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Is_committed_without_outputs(string notebook)
    {
        foreach (var cell in Cells(notebook).Where(c => c.GetProperty("cell_type").GetString() == "code"))
        {
            Assert.Empty(cell.GetProperty("outputs").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, cell.GetProperty("execution_count").ValueKind);
        }
    }

    /// <summary>
    /// A package the notebook loads from NuGet is also in bin/ as a dependency of our libraries; two versions of
    /// one assembly in the kernel would break type identity, so both must be the version the build uses.
    /// </summary>
    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Loads_nuget_packages_at_the_central_versions(string notebook)
    {
        var central = XDocument.Load(Path.Combine(RepositoryRoot.Path, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        foreach (Match reference in NugetReference().Matches(Source(notebook)))
        {
            var (package, version) = (reference.Groups["package"].Value, reference.Groups["version"].Value);
            Assert.True(central.TryGetValue(package, out var centralVersion), $"{notebook} loads {package}, which Directory.Packages.props does not list");
            Assert.True(version == centralVersion, $"{notebook} loads {package} {version}; Directory.Packages.props has {centralVersion}");
        }
    }

    private static List<JsonElement> Cells(string notebook)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "notebooks", notebook)));
        return [.. json.RootElement.GetProperty("cells").EnumerateArray().Select(c => c.Clone())];
    }

    private static string Source(string notebook) =>
        string.Concat(Cells(notebook).SelectMany(c => c.GetProperty("source").EnumerateArray()).Select(line => line.GetString()));

    [GeneratedRegex("""#r\s+"nuget:\s*(?<package>[^,"]+?)\s*,\s*(?<version>[^"\s]+)""")]
    private static partial Regex NugetReference();
}
