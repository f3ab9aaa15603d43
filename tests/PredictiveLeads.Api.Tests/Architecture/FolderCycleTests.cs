using System.Text.RegularExpressions;

namespace PredictiveLeads.Api.Tests.Architecture;

/// <summary>
/// Within each project, folders (namespaces) depend on each other in one direction only: no chain of references leads
/// from a folder back to itself. A reference is a using directive, a name written in full, or a name relative to the
/// project (as in <c>Accounts.AccountFeatureSpec</c> from a sibling folder).
/// </summary>
public sealed partial class FolderCycleTests
{
    [GeneratedRegex(@"^namespace (PredictiveLeads\.\w+(?:\.\w+)*);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"\b(PredictiveLeads\.\w+\.\w+)\b")]
    private static partial Regex FullName();

    [GeneratedRegex(@"(?<![\w.])([A-Z]\w*)\.[A-Z]\w*")]
    private static partial Regex RelativeName();

    [Fact]
    public void No_folder_of_a_project_depends_on_itself_through_others()
    {
        var files = SourceFiles.Under(Path.Combine(RepositoryRoot.Path, "src"))
            .Select(f => (Path: f, Text: File.ReadAllText(f)))
            .Select(f => (f.Path, f.Text, Namespace: Namespace().Match(f.Text).Groups[1].Value))
            .Where(f => f.Namespace.Count(c => c == '.') == 2)
            .ToList();
        var folders = files.Select(f => f.Namespace).ToHashSet(StringComparer.Ordinal);
        var edges = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (path, text, from) in files)
        {
            var project = from[..from.LastIndexOf('.')];
            var referenced = FullName().Matches(text).Select(m => m.Groups[1].Value)
                .Concat(RelativeName().Matches(text).Select(m => $"{project}.{m.Groups[1].Value}"))
                .Where(to => to != from && folders.Contains(to) && to.StartsWith(project + ".", StringComparison.Ordinal));
            foreach (var to in referenced)
                (edges.TryGetValue(from, out var targets) ? targets : edges[from] = new(StringComparer.Ordinal)).TryAdd(to, Path.GetRelativePath(RepositoryRoot.Path, path));
        }

        var cycles = Cycles(folders, edges).Select(cycle => string.Join(" → ", cycle.Select((folder, i) =>
            i + 1 < cycle.Count ? $"{folder} ({edges[folder][cycle[i + 1]]})" : folder))).ToList();

        Assert.True(cycles.Count == 0, "folder cycles:\n" + string.Join("\n", cycles));
    }

    /// <summary>For every folder on a cycle, one shortest way back to itself (as the list of folders, first and last the same).</summary>
    private static List<List<string>> Cycles(IEnumerable<string> folders, Dictionary<string, Dictionary<string, string>> edges)
    {
        var cycles = new List<List<string>>();
        foreach (var start in folders.Order(StringComparer.Ordinal))
        {
            var previous = new Dictionary<string, string>(StringComparer.Ordinal);
            var queue = new Queue<string>([start]);
            while (queue.TryDequeue(out var at))
            {
                foreach (var next in edges.GetValueOrDefault(at)?.Keys ?? Enumerable.Empty<string>())
                {
                    if (next == start)
                    {
                        var way = new List<string> { start };
                        for (var back = at; back != start; back = previous[back])
                            way.Insert(1, back);
                        way.Add(start);
                        cycles.Add(way);
                        queue.Clear();
                        break;
                    }
                    if (previous.TryAdd(next, at))
                        queue.Enqueue(next);
                }
            }
        }
        return cycles;
    }
}
