using System.CommandLine;
using System.Globalization;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Registry;
using PredictiveLeads.Scoring.Reports;

namespace PredictiveLeads.Trainer.Commands;

/// <summary><c>models list</c> and <c>models activate</c>: what the registry holds, and which version is active.</summary>
internal static class ModelsCommand
{
    private static readonly Option<DirectoryInfo> RegistryRoot = new("--registry") { Description = "Model registry folder.", DefaultValueFactory = _ => new DirectoryInfo("models") };
    private static readonly Argument<string> Name = new("name") { Description = "Model name." };
    private static readonly Argument<string> Version = new("version") { Description = "Version to make active (e.g. v0002)." };

    public static Command Create()
    {
        var list = new Command("list", "List every model in the registry with its versions; * marks the active one.");
        list.Options.Add(RegistryRoot);
        list.SetAction((parse, _) => Task.FromResult(List(parse)));
        var activate = new Command("activate", "Make a published version the active one (promote or roll back).");
        activate.Options.Add(RegistryRoot);
        activate.Arguments.Add(Name);
        activate.Arguments.Add(Version);
        activate.SetAction((parse, _) => Task.FromResult(Activate(parse)));
        var command = new Command("models", "Inspect the model registry and choose the active version.");
        command.Subcommands.Add(list);
        command.Subcommands.Add(activate);
        return command;
    }

    private static int List(ParseResult parse)
    {
        var registry = new ModelRegistry(parse.GetValue(RegistryRoot)!.FullName);
        var output = parse.InvocationConfiguration.Output;
        var names = registry.Names();
        if (names.Count == 0)
            output.WriteLine($"No published models under {registry.Root}");
        foreach (var name in names)
        {
            var current = registry.Current(name);
            output.WriteLine(name);
            foreach (var version in registry.Versions(name))
                output.WriteLine($"  {(version == current ? "*" : " ")} {version}  {Describe(registry.VersionDirectory(name, version))}");
        }
        return CommandLine.Success;
    }

    private static int Activate(ParseResult parse)
    {
        var registry = new ModelRegistry(parse.GetValue(RegistryRoot)!.FullName);
        var name = parse.GetValue(Name)!;
        var version = parse.GetValue(Version)!;
        if (registry.Versions(name).Count == 0)
            throw new UsageException($"there is no model named '{name}' in {registry.Root}");
        registry.Activate(name, version);
        parse.InvocationConfiguration.Output.WriteLine($"{name}: {version} is now active");
        return CommandLine.Success;
    }

    /// <summary>When a version was trained, on how many leads, and how each outcome tested.</summary>
    private static string Describe(string directory)
    {
        var (metadata, _) = BundleMetadata.TryLoad(directory);
        var (report, _) = TrainingReport.TryLoad(directory);
        if (metadata is null || report is null)
            return "(no readable metadata or report)";
        var parts = new List<string>
        {
            "trained " + metadata.TrainedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            (metadata.Data?.Rows ?? 0).ToString("N0", CultureInfo.InvariantCulture) + " leads",
        };
        foreach (var outcome in report.Outcomes)
        {
            var auc = outcome.Served?.RocAuc is { } value ? value.ToString("F4", CultureInfo.InvariantCulture) : "n/a";
            parts.Add($"{outcome.Label} AUC {auc} ({outcome.Source.ToString().ToLowerInvariant()})");
        }
        return string.Join(", ", parts);
    }
}
