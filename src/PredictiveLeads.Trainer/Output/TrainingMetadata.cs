using System.CommandLine;
using System.Reflection;
using PredictiveLeads.Learning.Data;
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
        var b = options.Model.Boosting;
        return new BundleMetadata
        {
            TrainedAt = DateTime.UtcNow,
            Machine = Environment.MachineName,
            CodeVersion = typeof(TrainingMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
            Threads = b.Threads,
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
            Parameters = new TrainingParameters
            {
                Learner = options.Model.Learner.ToString(),
                Seed = b.Seed,
                Trees = b.Trees,
                LearningRate = b.LearningRate,
                MaxLeaves = b.MaxLeaves,
                MaxDepth = b.MaxDepth,
                EarlyStoppingRounds = b.EarlyStoppingRounds,
                LeakageThreshold = options.LeakageThreshold,
                TestShare = options.TestShare,
                ValidationShare = options.ValidationShare,
                Rules = options.Rules?.Name,
            },
            Seconds = Math.Round(seconds, 3),
        };
    }
}
