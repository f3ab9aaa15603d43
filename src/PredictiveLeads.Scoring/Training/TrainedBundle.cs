using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Schema;

namespace PredictiveLeads.Scoring.Training;

/// <summary>What training produced, as the bundle that is published and served.</summary>
public static class TrainedBundle
{
    public static ModelBundle ToBundle(this BundleTrainingResult result, ExportSchema schema, IReadOnlyList<string>? exportHeader = null)
    {
        var models = result.Outcomes.Where(o => o.Training is not null).ToDictionary(o => o.Label, o => o.Training!.Model);
        var accountModels = result.Outcomes.Where(o => o.Account is not null).ToDictionary(o => o.Label, o => o.Account!.Training.Model);
        var groupModels = result.Outcomes.SelectMany(o => new[] { o.FitEngagement?.Fit, o.FitEngagement?.Engagement }.OfType<GroupResult>()
            .Select(g => (File: ModelBundle.GroupModelFileName(o.Label, g.Group), g.Training.Model))).ToDictionary(g => g.File, g => g.Model, StringComparer.Ordinal);
        var manifest = new BundleManifest
        {
            IdColumn = schema.Id,
            AccountColumn = schema.AccountId,
            CreatedAtColumn = schema.CreatedAt,
            SegmentColumn = schema.Segment,
            OwnerColumn = schema.Owner,
            Missing = schema.Missing,
            Formats = schema.Formats.Count == 0 ? null : new SortedDictionary<string, string>(schema.Formats.ToDictionary(), StringComparer.Ordinal),
            RulesFile = result.Rules is null ? null : ModelBundle.RulesFile,
            FieldDistributions = result.FieldDistributions,
            Outcomes = [.. result.Outcomes.Select(o => new BundleOutcome
            {
                Label = o.Label, Stage = o.Stage, Source = o.Source, ModelFile = o.Training is null ? null : ModelBundle.ModelFileName(o.Label), Reason = o.Reason,
                RulesCalibration = o.RulesCalibration, AccountModelFile = o.Account is null ? null : ModelBundle.AccountModelFileName(o.Label),
                AccountFeatures = o.Account?.Spec, ScoreDeciles = o.ScoreDeciles, ConditionalOn = o.ConditionalOn,
                Fit = Grades(o.Label, o.FitEngagement?.Fit), Engagement = Grades(o.Label, o.FitEngagement?.Engagement),
            })],
        };
        return new ModelBundle { Manifest = manifest, Models = models, AccountModels = accountModels, GroupModels = groupModels, Rules = result.Rules, Holdout = result.Holdout,
            ExportHeader = exportHeader, TrainingIds = result.TrainingIds };
    }

    private static FitEngagement.GroupGrades? Grades(string outcome, GroupResult? group) => group is null ? null : new()
    {
        ModelFile = ModelBundle.GroupModelFileName(outcome, group.Group), Fields = group.Fields, Cutoffs = group.Cutoffs,
    };
}
