using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Serialization;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Trainer.Output;

/// <summary><c>metadata.json</c>: when, where, from what and how a bundle was trained. Kept apart so the bundle itself is reproducible.</summary>
internal static class TrainingMetadata
{
    public const string FileName = "metadata.json";

    public static JsonObject Build(ParseResult parse, BundleTrainingOptions options, string dataPath, DataTable table, BundleTrainingResult result, double seconds)
    {
        var created = options.Schema.CreatedAt is { } column && table.Find(column) is NumericColumn { Kind: ColumnKind.DateTime } dates
            ? DateRange.Of(dates.Values, [.. Enumerable.Range(0, table.RowCount).Where(r => !double.IsNaN(dates.Values[r]))])
            : null;
        var b = options.Model.Boosting;
        return new JsonObject
        {
            ["trainedAt"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["machine"] = Environment.MachineName,
            ["codeVersion"] = typeof(TrainingMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
            ["threads"] = b.Threads,
            ["command"] = string.Join(' ', parse.Tokens.Select(t => t.Value.Contains(' ') ? $"\"{t.Value}\"" : t.Value)),
            ["data"] = new JsonObject
            {
                ["file"] = dataPath,
                ["sha256"] = FileHash.Sha256(dataPath),
                ["rows"] = table.RowCount,
                ["createdFrom"] = created?.From.ToString("O", CultureInfo.InvariantCulture),
                ["createdTo"] = created?.To.ToString("O", CultureInfo.InvariantCulture),
                ["fitRows"] = result.Split.Fit.Length,
                ["validationRows"] = result.Split.Validation.Length,
                ["testRows"] = result.Split.Test.Length,
            },
            ["parameters"] = new JsonObject
            {
                ["learner"] = options.Model.Learner.ToString(),
                ["seed"] = b.Seed,
                ["trees"] = b.Trees,
                ["learningRate"] = b.LearningRate,
                ["maxLeaves"] = b.MaxLeaves,
                ["maxDepth"] = b.MaxDepth,
                ["earlyStoppingRounds"] = b.EarlyStoppingRounds,
                ["leakageThreshold"] = options.LeakageThreshold,
                ["testShare"] = options.TestShare,
                ["validationShare"] = options.ValidationShare,
                ["rules"] = options.Rules?.Name,
            },
            ["seconds"] = Math.Round(seconds, 3),
        };
    }

    public static void Write(string directory, JsonObject metadata) =>
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), metadata.ToJsonString(JsonOutput.Indented) + "\n");
}
