using System.Text.Json;
using System.Text.Json.Nodes;
using PredictiveLeads.Learning.Models;

namespace PredictiveLeads.Learning.Serialization;

/// <summary>
/// A model on disk: <c>model.json</c> holds everything that decides predictions and depends only on data,
/// options and seed; <c>metadata.json</c> holds when, where and how it was trained.
/// </summary>
public static class ModelDirectory
{
    public const string ModelFile = "model.json";
    public const string MetadataFile = "metadata.json";

    public static void Save(string directory, BinaryModel model, JsonObject metadata)
    {
        Directory.CreateDirectory(directory);
        ModelSerializer.Save(model, Path.Combine(directory, ModelFile));
        var options = new JsonSerializerOptions(ModelSerializer.Json) { WriteIndented = true };
        AtomicFile.WriteAllText(Path.Combine(directory, MetadataFile), metadata.ToJsonString(options) + "\n");
    }

    public static BinaryModel Load(string directory)
    {
        if (File.Exists(directory))
            return ModelSerializer.Load(directory);
        if (!Directory.Exists(directory))
            throw new ModelFormatException($"{directory}: model directory not found");
        return ModelSerializer.Load(Path.Combine(directory, ModelFile));
    }
}
