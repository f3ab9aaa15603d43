using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using PredictiveLeads.Api.Auth;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Monitoring;

namespace PredictiveLeads.Api.Api;

/// <summary>How the served model does on leads whose outcome is now known, next to the rules, and whether its scores drift.</summary>
public static class MonitoringApi
{
    private const int DriftSample = 50_000;

    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/monitoring", Monitoring).WithTags("Monitoring").WithName("Monitoring").RequireAuthorization(Policies.Score)
            .WithSummary("Live AUC and calibration of model and rules on leads with known outcomes, score drift (PSI) against training, volume, logging losses.");
        app.MapGet("/v1/export", Export).WithTags("Monitoring").WithName("ExportPredictions").RequireAuthorization(Policies.Admin)
            .WithSummary("CSV of each lead's latest logged scores joined with its recorded outcomes (0/1 per outcome), to join with CRM fields and retrain.");
        return app;
    }

    public static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Monitoring(ModelHost models, IPredictionStore store, PredictionLog log, CancellationToken cancellation)
    {
        if (models.Current is not { } model)
            return LeadsApi.NoModel(models);
        var latest = await store.LatestPredictionsAsync(cancellation);
        var furthest = await store.FurthestStagesAsync(cancellation);
        var recent = await store.RecentAsync(DriftSample, cancellation);
        var outcomes = new JsonArray();
        foreach (var outcome in model.Bundle.Manifest.Outcomes)
        {
            var known = latest.Where(p => p.Outcome == outcome.Label && p.LeadId is not null && p.Probability is not null && furthest.ContainsKey(p.LeadId))
                .Select(p => new KnownScore(p.Time, p.Probability!.Value, p.RulePoints ?? 0, FunnelLabels.Label(model.Bundle.StageOf(outcome.Label), furthest[p.LeadId!]))).ToList();
            var live = recent.Where(p => p.Outcome == outcome.Label && p.Probability is not null && p.ModelVersion == model.Version).Select(p => p.Probability!.Value).ToList();
            outcomes.Add(ToJson(LiveEvaluation.Evaluate(outcome.Label, known, live, outcome.ScoreDeciles)));
        }
        var volume = await store.VolumeAsync(30, cancellation);
        return TypedResults.Ok(new JsonObject
        {
            ["modelVersion"] = model.Version,
            ["outcomes"] = outcomes,
            ["volume"] = new JsonArray([.. volume.Select(v => (JsonNode)new JsonObject { ["day"] = v.Day, ["modelVersion"] = v.ModelVersion, ["predictions"] = v.Count })]),
            ["logging"] = new JsonObject { ["written"] = log.Written, ["lost"] = log.Dropped },
        });
    }

    public static async Task<IResult> Export(ModelHost models, IPredictionStore store, CancellationToken cancellation)
    {
        var latest = (await store.LatestPredictionsAsync(cancellation)).Where(p => p.LeadId is not null)
            .Select(p => new ExportedPrediction(p.LeadId!, p.AccountId, p.Time, p.ModelVersion, p.Outcome, p.Probability, p.RulePoints, FunnelStages.Parse(p.RuleStage))).ToList();
        var stageOf = models.Current is { } model ? model.Bundle.StageOf : (Func<string, FunnelStage>)FunnelStages.GuessFromOutcomeName;
        var csv = OutcomeExport.Csv(latest, await store.FurthestStagesAsync(cancellation), stageOf);
        return Results.Text(csv, "text/csv", Encoding.UTF8);
    }

    private static JsonObject ToJson(OutcomeEvaluation e) => new()
    {
        ["outcome"] = e.Outcome,
        ["leadsWithOutcome"] = e.LeadsWithOutcome,
        ["positives"] = e.Positives,
        ["modelRocAuc"] = Finite(e.ModelRocAuc),
        ["rulesRocAuc"] = Finite(e.RulesRocAuc),
        ["expectedCalibrationError"] = Finite(e.ExpectedCalibrationError),
        ["meanPredicted"] = Finite(e.MeanPredicted),
        ["observedRate"] = Finite(e.ObservedRate),
        ["reliability"] = new JsonArray([.. e.Reliability.Select(b => (JsonNode)new JsonObject
        {
            ["low"] = b.Low, ["high"] = b.High, ["rows"] = b.Rows, ["meanPredicted"] = b.MeanPredicted, ["observedRate"] = b.ObservedRate,
        })]),
        ["weekly"] = new JsonArray([.. e.Weekly.Select(w => (JsonNode)new JsonObject
        {
            ["week"] = w.Week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["leads"] = w.Leads,
            ["modelRocAuc"] = Finite(w.ModelRocAuc),
            ["rulesRocAuc"] = Finite(w.RulesRocAuc),
            ["meanPredicted"] = Finite(w.MeanPredicted),
            ["observedRate"] = Finite(w.ObservedRate),
        })]),
        ["drift"] = new JsonObject { ["scoresCompared"] = e.Drift.ScoresCompared, ["psi"] = Finite(e.Drift.Psi), ["reading"] = e.Drift.Reading },
    };

    private static double? Finite(double value) => double.IsFinite(value) ? Math.Round(value, 6) : null;
}
