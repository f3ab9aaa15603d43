using System.Runtime.ExceptionServices;
using System.Text.Json;
using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.MLNet;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Serialization;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Rules;

namespace PredictiveLeads.Scoring.Bundles;

/// <summary>
/// A published set of models, one per outcome, with the points rules beside them: what scoring loads.
/// On disk: <c>bundle.json</c>, one <c>&lt;outcome&gt;.model.json</c> per modelled outcome (with its ML.NET model file
/// <c>&lt;outcome&gt;.mlnet.zip</c> and the input class <c>LeadInput.cs</c> when trained through ML.NET), <c>rules.json</c>,
/// the training report, the hashed ids of the leads it learned from (<c>training-ids.bin</c>) and <c>metadata.json</c>.
/// </summary>
public sealed class ModelBundle
{
    public const string ManifestFile = "bundle.json";
    public const string RulesFile = "rules.json";

    private static readonly JsonSerializerOptions Json = new(ModelSerializer.Json) { WriteIndented = true };

    public required BundleManifest Manifest { get; init; }

    /// <summary>The model of each outcome a model serves.</summary>
    public required IReadOnlyDictionary<string, BinaryModel> Models { get; init; }

    /// <summary>The account-level model of each outcome that has one.</summary>
    public IReadOnlyDictionary<string, BinaryModel> AccountModels { get; init; } = new Dictionary<string, BinaryModel>();

    /// <summary>The fit and engagement sub-models, by their file name in the bundle (<see cref="BundleOutcome.Fit"/>, <see cref="BundleOutcome.Engagement"/>).</summary>
    public IReadOnlyDictionary<string, BinaryModel> GroupModels { get; init; } = new Dictionary<string, BinaryModel>();

    public PointsRules? Rules { get; init; }

    /// <summary>The test leads' scores, written beside the bundle at training; not loaded with it.</summary>
    public HoldoutScores? Holdout { get; init; }

    /// <summary>The ids of the leads the models learned from, written at training; loaded on request with <see cref="TrainingIds.Load"/>.</summary>
    public TrainingIds? TrainingIds { get; init; }

    /// <summary>The training export's header, written at training to give <see cref="InputClass.FileName"/> its column positions; not loaded.</summary>
    public IReadOnlyList<string>? ExportHeader { get; init; }

    public IReadOnlyList<string> Outcomes => [.. Manifest.Outcomes.Select(o => o.Label)];

    /// <summary>The outcomes in an order where each comes after the one it is served through (<see cref="BundleOutcome.ConditionalOn"/>).</summary>
    public IReadOnlyList<BundleOutcome> ScoringOrder => _scoringOrder ??= InScoringOrder(Manifest);

    private IReadOnlyList<BundleOutcome>? _scoringOrder;

    /// <summary>The funnel stage <paramref name="outcome"/> records: as the bundle says, or read from its name for bundles that do not say; null when none.</summary>
    public FunnelStage? StageOf(string outcome) =>
        Manifest.Outcomes.FirstOrDefault(o => o.Label == outcome) is { } known ? known.RecordedStage() : FunnelStages.GuessFromOutcomeName(outcome);

    /// <summary>Writes the bundle's files into <paramref name="directory"/>, each atomically.</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var outcome in Manifest.Outcomes)
        {
            if (outcome.ModelFile is not null)
                ModelSerializer.Save(Models[outcome.Label], Path.Combine(directory, outcome.ModelFile));
            if (outcome.AccountModelFile is not null)
                ModelSerializer.Save(AccountModels[outcome.Label], Path.Combine(directory, outcome.AccountModelFile));
            foreach (var group in new[] { outcome.Fit, outcome.Engagement }.OfType<FitEngagement.GroupGrades>())
                ModelSerializer.Save(GroupModels[group.ModelFile], Path.Combine(directory, group.ModelFile));
        }
        if (Rules is not null)
            AtomicFile.WriteAllBytes(Path.Combine(directory, RulesFile), Rules.ToBytes());
        Holdout?.Save(Path.Combine(directory, HoldoutScores.FileName));
        TrainingIds?.Save(Path.Combine(directory, TrainingIds.FileName));
        if (ExportHeader is not null && Models.Values.Any(m => m.ModelFile is not null))
        {
            var inputs = Models.Values.Where(m => m.ModelFile is not null).SelectMany(m => m.Pipeline.Columns);
            AtomicFile.WriteAllBytes(Path.Combine(directory, InputClass.FileName), System.Text.Encoding.UTF8.GetBytes(InputClass.Write(ExportHeader, inputs)));
        }
        AtomicFile.WriteAllBytes(Path.Combine(directory, ManifestFile), JsonSerializer.SerializeToUtf8Bytes(Manifest, Json));
    }

    /// <summary>Loads and checks a bundle; any missing, corrupt or inconsistent file is refused with its name.</summary>
    public static ModelBundle Load(string directory)
    {
        var manifestPath = Path.Combine(directory, ManifestFile);
        if (!Directory.Exists(directory))
            throw new ModelFormatException($"{directory}: model bundle directory not found");
        if (!File.Exists(manifestPath))
            throw new ModelFormatException($"{manifestPath}: not found; is {directory} a model bundle written by train?");
        BundleManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BundleManifest>(File.ReadAllBytes(manifestPath), Json);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"{manifestPath}: not a readable bundle manifest ({e.Message})", e);
        }
        if (manifest is null || manifest.Format != BundleManifest.FormatName)
            throw new ModelFormatException($"{manifestPath}: not a PredictiveLeads bundle manifest");
        if (manifest.FormatVersion != BundleManifest.CurrentVersion)
            throw new ModelFormatException($"{manifestPath}: bundle format version {manifest.FormatVersion} is not supported (this build reads version {BundleManifest.CurrentVersion})");

        try
        {
            manifest.ValueFormatsByColumn();
        }
        catch (ModelFormatException e)
        {
            throw new ModelFormatException($"{directory}/{e.Message}", e);
        }

        // Which files to load, checked in manifest order; then the files are loaded side by side (an ML.NET model
        // file takes tens of milliseconds), and the first problem in manifest order is the one reported.
        var files = new List<(string Outcome, string Path, ModelRole Role)>();
        foreach (var outcome in manifest.Outcomes)
        {
            if (outcome.AccountModelFile is { } accountFile)
            {
                if (outcome.AccountFeatures is null)
                    throw new ModelFormatException($"{manifestPath}: outcome '{outcome.Label}' has an account model but no account feature definition");
                files.Add((outcome.Label, Path.Combine(directory, accountFile), ModelRole.Account));
            }
            if (outcome.Source == OutcomeSource.Model)
            {
                var file = outcome.ModelFile ?? throw new ModelFormatException($"{manifestPath}: outcome '{outcome.Label}' has no model file");
                files.Add((outcome.Label, Path.Combine(directory, file), ModelRole.Outcome));
                foreach (var group in new[] { outcome.Fit, outcome.Engagement }.OfType<FitEngagement.GroupGrades>())
                {
                    if (Path.GetFileName(group.ModelFile) != group.ModelFile || group.Cutoffs.Count != FitEngagement.GroupGrades.Count - 1)
                        throw new ModelFormatException($"{manifestPath}: outcome '{outcome.Label}' names a fit or engagement model file '{group.ModelFile}' with {group.Cutoffs.Count} cut-offs; expected a file name in the bundle and {FitEngagement.GroupGrades.Count - 1} cut-offs");
                    files.Add((outcome.Label, Path.Combine(directory, group.ModelFile), ModelRole.Group));
                }
            }
            else if (manifest.RulesFile is null)
            {
                throw new ModelFormatException($"{manifestPath}: outcome '{outcome.Label}' is served by rules, but the bundle has none");
            }
        }
        var loaded = new (BinaryModel? Model, ExceptionDispatchInfo? Error)[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            try
            {
                loaded[i] = (ModelSerializer.Load(files[i].Path), null);
            }
            catch (Exception e)
            {
                loaded[i] = (null, ExceptionDispatchInfo.Capture(e));
            }
        });
        var models = new Dictionary<string, BinaryModel>(StringComparer.Ordinal);
        var accountModels = new Dictionary<string, BinaryModel>(StringComparer.Ordinal);
        var groupModels = new Dictionary<string, BinaryModel>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            loaded[i].Error?.Throw();
            var (label, path, role) = files[i];
            var model = loaded[i].Model!;
            if (role == ModelRole.Account)
            {
                accountModels[label] = model;
                continue;
            }
            if (model.Label != label)
                throw new ModelFormatException($"{path}: holds a model of '{model.Label}', expected '{label}'");
            if (role == ModelRole.Group)
            {
                groupModels[Path.GetFileName(path)] = model;
                continue;
            }
            models[label] = model;
        }
        PointsRules? rules = null;
        if (manifest.RulesFile is not null)
        {
            try
            {
                rules = PointsRules.Load(Path.Combine(directory, manifest.RulesFile));
            }
            catch (DataFormatException e)
            {
                throw new ModelFormatException(e.Message, e);
            }
        }
        return new ModelBundle { Manifest = manifest, Models = models, AccountModels = accountModels, GroupModels = groupModels, Rules = rules, _scoringOrder = CheckedScoringOrder(manifest, models, manifestPath) };
    }

    /// <summary>
    /// The outcomes in scoring order, after checking that each outcome served through an earlier one names a modelled
    /// outcome, without loops, and that its ML.NET model file chains the two as the manifest says.
    /// </summary>
    private static IReadOnlyList<BundleOutcome> CheckedScoringOrder(BundleManifest manifest, Dictionary<string, BinaryModel> models, string manifestPath)
    {
        foreach (var outcome in manifest.Outcomes)
        {
            var chained = models.TryGetValue(outcome.Label, out var model) && model.ModelFileChained;
            if (outcome.ConditionalOn is not { } earlier)
            {
                if (chained)
                    throw new ModelFormatException($"{manifestPath}: the model file of '{outcome.Label}' multiplies in an earlier outcome's probability, but the manifest serves '{outcome.Label}' on its own");
                continue;
            }
            if (outcome.Source != OutcomeSource.Model || !models.ContainsKey(earlier))
                throw new ModelFormatException($"{manifestPath}: '{outcome.Label}' is served through '{earlier}', which is not an outcome a model of this bundle serves");
            if (model!.ModelFile is not null && !chained)
                throw new ModelFormatException($"{manifestPath}: '{outcome.Label}' is served through '{earlier}', but its ML.NET model file does not chain the two");
        }
        try
        {
            return InScoringOrder(manifest);
        }
        catch (InvalidOperationException e)
        {
            throw new ModelFormatException($"{manifestPath}: {e.Message}", e);
        }
    }

    private static IReadOnlyList<BundleOutcome> InScoringOrder(BundleManifest manifest)
    {
        var earlierOf = manifest.Outcomes.Where(o => o.ConditionalOn is not null).ToDictionary(o => o.Label, o => o.ConditionalOn!, StringComparer.Ordinal);
        return [.. FunnelOrder.Of([.. manifest.Outcomes.Select(o => o.Label)], earlierOf).Select(label => manifest.Outcomes.First(o => o.Label == label))];
    }

    private enum ModelRole { Outcome, Account, Group }

    /// <summary>The file of an outcome's fit or engagement sub-model: <c>became_sql.fit.model.json</c>.</summary>
    public static string GroupModelFileName(string outcome, string group) => ModelFileName(outcome).Replace(".model.json", $".{group}.model.json", StringComparison.Ordinal);

    public static string AccountModelFileName(string outcome) => ModelFileName(outcome).Replace(".model.json", ".account-model.json", StringComparison.Ordinal);

    public static string ModelFileName(string outcome) => $"{string.Concat(outcome.Select(c => char.IsLetterOrDigit(c) || c is '_' or '-' ? c : '_'))}.model.json";
}
