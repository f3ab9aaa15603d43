using System.Text.Json;
using PredictiveLeads.Learning.Serialization;

namespace PredictiveLeads.Scoring.Bundles;

/// <summary>
/// <c>metadata.json</c>: when, where, from what and how a bundle was trained. Kept apart from the bundle's other
/// files, which depend only on data, options and seed, so that retraining reproduces them byte for byte.
/// </summary>
public sealed record BundleMetadata
{
    public const string FileName = "metadata.json";

    private static readonly JsonSerializerOptions Json = new(ModelSerializer.Json) { WriteIndented = true };

    public DateTime? TrainedAt { get; init; }
    public string? Machine { get; init; }
    public string? CodeVersion { get; init; }
    public int Threads { get; init; }

    /// <summary>The train command as it was typed.</summary>
    public string? Command { get; init; }

    public TrainingData? Data { get; init; }
    /// <summary>Every setting that shaped the bundle, by its declared key (the models' and the bundle's own), and the rules' name.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Parameters { get; init; }
    public double Seconds { get; init; }

    public void Save(string directory) =>
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>The metadata in <paramref name="directory"/>, or null with the reason it cannot be read.</summary>
    public static (BundleMetadata? Metadata, string? Problem) TryLoad(string directory) =>
        BundleFile.TryRead<BundleMetadata>(Path.Combine(directory, FileName), Json, "training metadata");
}

/// <summary>The export a bundle was trained on: where it was, its hash, its leads and how they were split.</summary>
public sealed record TrainingData
{
    public string? File { get; init; }
    public string? Sha256 { get; init; }
    public int Rows { get; init; }
    public DateTime? CreatedFrom { get; init; }
    public DateTime? CreatedTo { get; init; }
    public int FitRows { get; init; }
    public int ValidationRows { get; init; }
    public int TestRows { get; init; }
}
