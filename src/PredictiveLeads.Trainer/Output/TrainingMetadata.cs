using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Trainer.Output;

/// <summary>What the train command records about itself in <c>metadata.json</c>.</summary>
internal static class TrainingMetadata
{
    public static BundleMetadata Build(ParseResult parse, BundleTrainingOptions options, string dataPath, DataTable table, BundleTrainingResult result, double seconds)
    {
        var created = options.Schema.CreatedAt is { } column && table.Find(column) is NumericColumn { Kind: ColumnKind.DateTime } dates
            ? DateRange.Of(dates.Values, [.. Enumerable.Range(0, table.RowCount).Where(r => !double.IsNaN(dates.Values[r]))])
            : null;
        return new BundleMetadata
        {
            TrainedAt = DateTime.UtcNow,
            Machine = Environment.MachineName,
            CodeVersion = typeof(TrainingMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
            Threads = options.Model.Boosting.Threads,
            Command = string.Join(' ', parse.Tokens.Select(t => t.Value.Contains(' ') ? $"\"{t.Value}\"" : t.Value)),
            Data = new TrainingData
            {
                File = dataPath,
                Sha256 = FileHash.Sha256(dataPath),
                Rows = table.RowCount,
                CreatedFrom = created?.From,
                CreatedTo = created?.To,
                FitRows = result.Split.Fit.Length,
                ValidationRows = result.Split.Validation.Length,
                TestRows = result.Split.Test.Length,
            },
            Parameters = Parameters(options),
            Seconds = Math.Round(seconds, 3),
        };
    }

    /// <summary>The declared settings as they were: those that shape a model of the learner used, the bundle's own, and the rules' name.</summary>
    private static SortedDictionary<string, JsonElement> Parameters(BundleTrainingOptions options)
    {
        var parameters = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var setting in ModelSettings.For(options.Model.Learner))
            parameters[setting.Key] = setting.ToJson(options.Model);
        foreach (var setting in BundleSettings.All)
            parameters[setting.Key] = setting.ToJson(options);
        parameters["rules"] = JsonSerializer.SerializeToElement(options.Rules?.Name);
        return parameters;
    }
}
