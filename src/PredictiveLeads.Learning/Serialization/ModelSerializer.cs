using System.Text.Json;
using System.Text.Json.Serialization;
using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.Serialization;

/// <summary>
/// Saves and loads <see cref="BinaryModel"/>s as versioned JSON. Doubles are written in their shortest
/// round-trip form, so a loaded model predicts bit-identically, and the bytes depend only on the model.
/// </summary>
public static class ModelSerializer
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static byte[] ToBytes(BinaryModel model)
    {
        var document = new ModelDocument
        {
            Label = model.Label,
            IdColumn = model.IdColumn,
            Learner = model.Learner,
            MissingTokens = model.Pipeline.MissingTokens,
            Columns = model.Pipeline.Columns,
            FeatureNames = [.. model.Pipeline.Features.Select(f => f.Name)],
            Parameters = new SortedDictionary<string, string>(model.Parameters.ToDictionary(), StringComparer.Ordinal),
            BaseMargin = model.Ensemble?.BaseMargin ?? 0,
            Trees = model.Ensemble?.Trees,
            Logistic = model.Logistic,
            Calibrator = model.Calibrator,
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }

    public static BinaryModel FromBytes(ReadOnlySpan<byte> bytes, string source)
    {
        ModelDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ModelDocument>(bytes, Json);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"{source}: not a readable model file ({e.Message})", e);
        }
        if (document is null || document.Format != ModelDocument.FormatName)
            throw new ModelFormatException($"{source}: not a PredictiveLeads model file (format '{document?.Format}', expected '{ModelDocument.FormatName}')");
        if (document.FormatVersion != ModelDocument.CurrentVersion)
            throw new ModelFormatException($"{source}: model format version {document.FormatVersion} is not supported (this build reads version {ModelDocument.CurrentVersion})");

        var pipeline = new FeaturePipeline(document.Columns, document.MissingTokens);
        if (!pipeline.Features.Select(f => f.Name).SequenceEqual(document.FeatureNames))
            throw new ModelFormatException($"{source}: the feature list does not match the saved preprocessing");
        TreeEnsemble? ensemble = null;
        if (document.Learner == LearnerKind.GradientBoosting)
        {
            var trees = document.Trees ?? throw new ModelFormatException($"{source}: a gradient boosting model without trees");
            ModelValidator.CheckTrees(trees, pipeline.Features, source);
            ensemble = new TreeEnsemble(document.BaseMargin, trees, pipeline.Features.Count);
        }
        else if (document.Logistic is null || document.Logistic.Encoding.Offsets.Count != pipeline.Features.Count
                 || document.Logistic.Weights.Count != document.Logistic.Encoding.InputCount)
        {
            throw new ModelFormatException($"{source}: the logistic regression does not match its features");
        }
        ModelValidator.CheckCalibrator(document.Calibrator, source);
        return new BinaryModel
        {
            Label = document.Label,
            IdColumn = document.IdColumn,
            Pipeline = pipeline,
            Ensemble = ensemble,
            Logistic = document.Logistic,
            Calibrator = document.Calibrator,
            Parameters = document.Parameters,
        };
    }

    public static void Save(BinaryModel model, string path) => AtomicFile.WriteAllBytes(path, ToBytes(model));

    public static BinaryModel Load(string path)
    {
        if (!File.Exists(path))
            throw new ModelFormatException($"{path}: model file not found");
        return FromBytes(File.ReadAllBytes(path), path);
    }
}
