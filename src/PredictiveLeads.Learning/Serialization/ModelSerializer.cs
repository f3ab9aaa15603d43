using System.Text.Json.Serialization;
using System.Text.Json;
using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Linear;
using PredictiveLeads.Learning.MLNet;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Preprocessing;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Serialization;

/// <summary>
/// Saves and loads <see cref="BinaryModel"/>s as versioned JSON. Doubles are written in their shortest
/// round-trip form, so a loaded model predicts bit-identically, and the bytes depend only on the model.
/// A model trained through ML.NET is two files: the JSON and, beside it, its ML.NET model file, whose trees
/// are compiled again when it is loaded.
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

    /// <summary>The JSON document of <paramref name="model"/>; an ML.NET model names its model file <paramref name="modelFileName"/>.</summary>
    public static byte[] ToBytes(BinaryModel model, string? modelFileName = null)
    {
        var mlnet = model.ModelFile is not null;
        if (mlnet && modelFileName is null)
            throw new ArgumentException("an ML.NET model's document names its model file", nameof(modelFileName));
        var document = new ModelDocument
        {
            Label = model.Label,
            IdColumn = model.IdColumn,
            Learner = model.Learner,
            MissingTokens = model.Pipeline.MissingTokens,
            Columns = model.Pipeline.Columns,
            FeatureNames = [.. model.Pipeline.Features.Select(f => f.Name)],
            Parameters = new SortedDictionary<string, string>(model.Parameters.ToDictionary(), StringComparer.Ordinal),
            ModelFile = mlnet ? modelFileName : null,
            TreeCovers = mlnet && model.Ensemble is not null ? [.. model.Ensemble.Trees.Select(t => new TreeCovers(t.NodeCover, t.LeafCover))] : null,
            BaseMargin = mlnet ? 0 : model.Ensemble?.BaseMargin ?? 0,
            Trees = mlnet ? null : model.Ensemble?.Trees,
            Logistic = mlnet ? null : model.Logistic,
            Calibrator = mlnet ? null : model.Calibrator,
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }

    /// <summary>
    /// Reads a model document. An ML.NET model's trees and calibrator come from its model file, read by
    /// <paramref name="readModelFile"/> given the file name the document records.
    /// </summary>
    public static BinaryModel FromBytes(ReadOnlySpan<byte> bytes, string source, Func<string, (byte[] Bytes, string Source)>? readModelFile = null)
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
        if (document.FormatVersion is < 1 or > ModelDocument.CurrentVersion)
            throw new ModelFormatException($"{source}: model format version {document.FormatVersion} is not supported (this build reads versions 1 to {ModelDocument.CurrentVersion})");

        var pipeline = new FeaturePipeline(document.Columns, document.MissingTokens);
        if (!pipeline.Features.Select(f => f.Name).SequenceEqual(document.FeatureNames))
            throw new ModelFormatException($"{source}: the feature list does not match the saved preprocessing");
        TreeEnsemble? ensemble = null;
        var logistic = document.Logistic;
        Calibrator? calibrator = document.Calibrator;
        byte[]? modelFile = null;
        var chained = false;
        // Before ML.NET (format 1), "logisticRegression" was our own, stored inline.
        var learner = document.FormatVersion == 1 && document.Learner == LearnerKind.LogisticRegression ? LearnerKind.OwnLogisticRegression : document.Learner;
        if (learner.IsMLNet())
        {
            if (document.ModelFile is not { } fileName || (learner.GrowsTrees() && document.TreeCovers is null))
                throw new ModelFormatException($"{source}: an ML.NET model document without its model file name or tree covers");
            if (readModelFile is null)
                throw new ModelFormatException($"{source}: needs its ML.NET model file '{fileName}', which was not given");
            var (zip, zipSource) = readModelFile(fileName);
            (ensemble, logistic, calibrator, chained) = Compile(zip, zipSource, pipeline, document.TreeCovers);
            modelFile = zip;
        }
        else if (learner == LearnerKind.GradientBoosting)
        {
            var trees = document.Trees ?? throw new ModelFormatException($"{source}: a gradient boosting model without trees");
            ModelValidator.CheckTrees(trees, pipeline.Features, source);
            ensemble = new TreeEnsemble(document.BaseMargin, trees, pipeline.Features.Count);
        }
        else if (logistic is null || logistic.Encoding.Offsets.Count != pipeline.Features.Count
                 || logistic.Weights.Count != logistic.Encoding.InputCount)
        {
            throw new ModelFormatException($"{source}: the logistic regression does not match its features");
        }
        if (calibrator is null)
            throw new ModelFormatException($"{source}: the model has no calibrator");
        ModelValidator.CheckCalibrator(calibrator, source);
        return new BinaryModel
        {
            Label = document.Label,
            IdColumn = document.IdColumn,
            Learner = learner,
            Pipeline = pipeline,
            Ensemble = ensemble,
            Logistic = logistic,
            Calibrator = calibrator,
            Parameters = document.Parameters,
            ModelFile = modelFile,
            ModelFileChained = chained,
        };
    }

    /// <summary>Compiles the learner of an ML.NET model file, checking it fits the preprocessing (and the recorded covers of its trees).</summary>
    private static (TreeEnsemble?, LogisticModel?, Calibrator, bool Chained) Compile(byte[] zip, string source, FeaturePipeline pipeline, IReadOnlyList<TreeCovers>? covers)
    {
        var loaded = MLNet.ModelFile.Load(zip, source);
        var slots = FeatureSlots.Of(pipeline.Features);
        if (loaded.FeatureSlots != slots.Count)
            throw new ModelFormatException($"{source}: the model's features have {loaded.FeatureSlots} slots, but its preprocessing gives {slots.Count}; the model file does not belong to this model");
        foreach (var column in pipeline.Columns)
        {
            var input = loaded.InputSchema.GetColumnOrNull(column.Column);
            if (input is null || !input.Value.Type.Equals(RawInput.TypeOf(column.Kind)))
                throw new ModelFormatException($"{source}: the model's input '{column.Column}' is {input?.Type.ToString() ?? "missing"}, expected {RawInput.TypeOf(column.Kind)}; the model file does not belong to this model");
        }
        if (loaded.Linear is { } linear)
            return (null, LogisticTrainer.Compile(pipeline.Features, linear.Weights, linear.Bias, loaded.Scales), loaded.Calibrator, loaded.Chained);
        if (loaded.Trees is null || covers is null)
            throw new ModelFormatException($"{source}: holds boosted trees, but the model document records no covers for them");
        var trees = TreeCompiler.Compile(loaded.Trees, pipeline.Features, source);
        if (trees.Count != covers.Count)
            throw new ModelFormatException($"{source}: has {trees.Count} trees, but the model document records covers of {covers.Count}");
        for (var t = 0; t < trees.Count; t++)
        {
            if (covers[t].Leaves.Length != trees[t].LeafCount || covers[t].Nodes.Length != trees[t].NodeCount)
                throw new ModelFormatException($"{source}: tree {t} does not match the covers the model document records for it");
            TreeCompiler.SetCovers(trees[t], covers[t].Leaves);
        }
        ModelValidator.CheckTrees(trees, pipeline.Features, source);
        return (TreeCompiler.Ensemble(trees, pipeline.Features.Count), null, loaded.Calibrator, loaded.Chained);
    }

    /// <summary>The ML.NET model file saved beside a model document: <c>x.model.json</c> → <c>x.mlnet.zip</c>, <c>x.account-model.json</c> → <c>x.account.mlnet.zip</c>.</summary>
    public static string ModelFilePath(string documentPath)
    {
        foreach (var suffix in (string[])[".model.json", "-model.json", ".json"])
        {
            if (documentPath.EndsWith(suffix, StringComparison.Ordinal))
                return documentPath[..^suffix.Length] + MLNet.ModelFile.Extension;
        }
        return documentPath + MLNet.ModelFile.Extension;
    }

    /// <summary>Writes the model document and, for an ML.NET model, its model file beside it, each atomically.</summary>
    public static void Save(BinaryModel model, string path)
    {
        string? fileName = null;
        if (model.ModelFile is { } zip)
        {
            var zipPath = ModelFilePath(path);
            fileName = Path.GetFileName(zipPath);
            AtomicFile.WriteAllBytes(zipPath, zip);
        }
        AtomicFile.WriteAllBytes(path, ToBytes(model, fileName));
    }

    public static BinaryModel Load(string path)
    {
        if (!File.Exists(path))
            throw new ModelFormatException($"{path}: model file not found");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return FromBytes(File.ReadAllBytes(path), path, name =>
        {
            var zipPath = Path.Combine(directory, name);
            if (Path.GetFileName(name) != name || !File.Exists(zipPath))
                throw new ModelFormatException($"{zipPath}: the ML.NET model file that {path} names was not found");
            return (File.ReadAllBytes(zipPath), zipPath);
        });
    }
}
