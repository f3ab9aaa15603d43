using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PredictiveLeads.Api.Auth;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Monitoring;

namespace PredictiveLeads.Api.Monitoring;

/// <summary>How the served model does on leads whose outcome is now known, next to the rules, and whether its scores drift.</summary>
public static class MonitoringApi
{
    private const int VolumeDays = 30;

    private const int DriftSample = 50_000;

    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/monitoring", Monitoring).WithTags("Monitoring").WithName("Monitoring").RequireAuthorization(Policies.Score).RequireRateLimiting(RateLimits.Expensive)
            .WithSummary("Live AUC and calibration of model and rules on leads with known outcomes, score drift (PSI) against training, volume, logging losses.");
        app.MapGet("/v1/export", Export).WithTags("Monitoring").WithName("ExportPredictions").RequireAuthorization(Policies.Admin).RequireRateLimiting(RateLimits.Expensive)
            .WithSummary("CSV of each lead's latest logged scores joined with its recorded outcomes (0/1 per outcome), to join with CRM fields and retrain.");
        return app;
    }

    public static async Task<Results<Ok<MonitoringResponse>, ProblemHttpResult>> Monitoring(ModelHost models, IPredictionStore store, PredictionLog log, CancellationToken cancellation)
    {
        if (models.Current is not { } model)
            return NoModel.Problem(models);
        var latest = await store.LatestPredictionsAsync(cancellation);
        var furthest = await store.RecordedOutcomesAsync(cancellation);
        var recent = await store.RecentAsync(DriftSample, cancellation);
        var outcomes = new List<OutcomeMonitoring>();
        foreach (var outcome in model.Bundle.Manifest.Outcomes)
        {
            var live = recent.Where(p => p.Outcome == outcome.Label && p.Probability is not null && p.ModelVersion == model.QualifiedVersion).Select(p => p.Probability!.Value).ToList();
            outcomes.Add(ToResponse(LiveEvaluation.Evaluate(outcome, latest.Scored(outcome.Label), furthest, live)));
        }
        var volume = await store.VolumeAsync(log.Clock.GetUtcNow().UtcDateTime.AddDays(-VolumeDays), cancellation);
        return TypedResults.Ok(new MonitoringResponse(model.QualifiedVersion, outcomes,
            [.. volume.Select(v => new DailyVolume(v.Day, v.ModelVersion, v.Count))], new LoggingCounts(log.Written, log.Dropped)));
    }

    public static async Task<IResult> Export(ModelHost models, IPredictionStore store, CancellationToken cancellation)
    {
        var latest = (await store.LatestPredictionsAsync(cancellation)).Where(p => p.LeadId is not null)
            .Select(p => new ExportedPrediction(p.LeadId!, p.AccountId, p.Time, p.ModelVersion, p.Outcome, p.Probability, p.RulePoints, FunnelStages.Parse(p.RuleStage))).ToList();
        var stageOf = models.Current is { } model ? model.Bundle.StageOf : (Func<string, FunnelStage?>)FunnelStages.GuessFromOutcomeName;
        var csv = OutcomeExport.Csv(latest, await store.RecordedOutcomesAsync(cancellation), stageOf);
        return Results.Text(csv, "text/csv", Encoding.UTF8);
    }

    private static OutcomeMonitoring ToResponse(OutcomeEvaluation e) => new(
        e.Outcome, e.LeadsWithOutcome, e.Positives, Finite(e.ModelRocAuc), Finite(e.RulesRocAuc), Finite(e.ExpectedCalibrationError),
        Finite(e.MeanPredicted), Finite(e.ObservedRate),
        [.. e.Reliability.Select(b => new ReliabilityBinResponse(b.Low, b.High, b.Rows, b.MeanPredicted, b.ObservedRate))],
        [.. e.Weekly.Select(w => new WeekMonitoring(w.Week, w.Leads, Finite(w.ModelRocAuc), Finite(w.RulesRocAuc), Finite(w.MeanPredicted), Finite(w.ObservedRate)))],
        new DriftResponse(e.Drift.ScoresCompared, Finite(e.Drift.Psi), e.Drift.Reading));

    private static double? Finite(double value) => double.IsFinite(value) ? Math.Round(value, 6) : null;
}
