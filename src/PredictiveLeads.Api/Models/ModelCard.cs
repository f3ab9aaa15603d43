using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Live;
using PredictiveLeads.Scoring.Reports;

namespace PredictiveLeads.Api.Models;

/// <summary>What a person or a client needs to know about the model being served, from the bundle and its report and metadata.</summary>
public static class ModelCard
{
    public static ModelCardResponse Build(ActiveModel model)
    {
        var (report, _) = TrainingReport.TryLoad(model.Directory);
        var (metadata, _) = BundleMetadata.TryLoad(model.Directory);
        var outcomes = model.Bundle.Manifest.Outcomes.Select(outcome =>
        {
            var tested = report?.Outcomes.FirstOrDefault(o => o.Label == outcome.Label);
            var stage = model.Bundle.StageOf(outcome.Label);
            var byName = $"{{\"leadId\": \"...\", \"outcome\": \"{outcome.Label}\", \"value\": true}}";
            var recordWith = stage is { } s ? $"{{\"leadId\": \"...\", \"stage\": \"{s.Name()}\"}} (or any later stage), or {byName}" : byName;
            return new ModelCardOutcome(outcome.Label, stage, recordWith, outcome.Source.ToString().ToLowerInvariant(), outcome.Reason,
                Summary(tested?.Model), Summary(tested?.Rules),
                tested?.Workload is { } w ? new WorkloadResponse(w.TestLeads, w.Positives, w.RulesHandOver, w.RulesFind, w.ModelFindAtSameWorkload, w.ModelLeadsForSameFinds) : null,
                [.. (tested?.Importance ?? []).Take(5).Select(i => i.Feature)],
                model.Bundle.AccountModels.ContainsKey(outcome.Label), CutOffs(model.Grades, outcome.Label), outcome.ConditionalOn);
        });
        var fields = ModelInputs.Of(model.Bundle).Select(field => new ModelCardField(field.Name, field.Kind.ToString().ToLowerInvariant(),
            field.Kind == LeadFieldKind.Categorical ? field.Levels : null));
        var data = metadata?.Data is { } d
            ? new TrainingDataResponse(d.File, d.Sha256, d.Rows, d.CreatedFrom, d.CreatedTo, d.FitRows, d.ValidationRows, d.TestRows)
            : null;
        var split = report?.Split is { } s
            ? new SplitResponse(s.Method, s.FitRows, s.ValidationRows, s.TestRows, s.FitDates, s.ValidationDates, s.TestDates)
            : null;
        return new ModelCardResponse(model.Name, model.Version, model.LoadedAt, metadata?.TrainedAt, data, split, model.Bundle.Rules?.Name,
            [.. outcomes], [.. fields], model.Bundle.Manifest.IdColumn, model.Bundle.Manifest.AccountColumn);
    }

    private static GradeCutOffs CutOffs(GradeBook grades, string outcome)
    {
        var cutOffs = grades.For(outcome);
        return new GradeCutOffs(cutOffs.A, cutOffs.B, cutOffs.C, grades.Basis);
    }

    private static MetricsSummary? Summary(MetricsReport? metrics) =>
        metrics is null ? null : new MetricsSummary(metrics.RocAuc, metrics.LogLoss, metrics.Brier, metrics.ExpectedCalibrationError);
}
