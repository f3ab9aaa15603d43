using Microsoft.Extensions.DependencyInjection;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.Registry;
using PredictiveLeads.Scoring.Schema;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Api.Tests;

/// <summary>Trains a bundle on a CSV export the way <c>train</c> reads it, publishes it as the served model's next version, and waits until it serves.</summary>
internal static class TrainedVersions
{
    public static async Task<string> ServeTrained(this ApiFactory api, string csv, ExportSchema schema, int trees = 30)
    {
        var path = Path.Combine(api.Folder, $"export-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, csv);
        var table = CsvTableReader.Read(path, new CsvReadOptions { KindOverrides = schema.Kinds });
        schema = schema.WithFormatsOf(table);
        var trained = new BundleTrainer(new BundleTrainingOptions
        {
            Schema = schema,
            Model = new TrainingOptions { Label = schema.Outcomes[0], Boosting = new() { Trees = trees, Threads = 1 } },
        }).Train(table);
        var version = new ModelRegistry(api.Registry).Publish("default", trained.ToBundle(schema).Save);
        await api.Services.GetRequiredService<ModelHost>().UntilServing(version);
        return version;
    }
}
