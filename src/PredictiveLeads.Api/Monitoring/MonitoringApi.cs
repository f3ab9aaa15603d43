using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PredictiveLeads.Api.Auth;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;
using Microsoft.Extensions.Options;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Monitoring;

namespace PredictiveLeads.Api.Monitoring;

/// <summary>How the served model does on leads whose outcome is now known, next to the rules, and whether its scores drift.</summary>
public static class MonitoringApi
{
    private const int VolumeDays = 30;

    /// <summary>The newest scores of each outcome compared with the test leads' for drift: enough for ten bins.</summary>
    private const int DriftSample = 10_000;

    /// <summary>
    /// A run whose log has records queued writes them within a fraction of a second; silent this long, it has stopped
    /// (or cannot reach the database, and then neither can this request).
    /// </summary>
    private static readonly TimeSpan SilentRun = TimeSpan.FromMinutes(1);

    /// <summary>Leads per page of the export.</summary>
    private const int ExportPageLeads = 2_000;

    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/monitoring", Monitoring).WithTags("Monitoring").WithName("Monitoring").RequireAuthorization(Policies.Score).ReadsTheLog()
            .WithSummary("Live AUC and calibration of model and rules on leads with known outcomes, score drift (PSI) against training, volume, logging losses.");
        app.MapGet("/v1/export", Export).WithTags("Monitoring").WithName("ExportPredictions").RequireAuthorization(Policies.Admin).ReadsTheLog()
            .WithSummary("CSV of each lead's latest logged scores joined with its recorded outcomes (0/1 per outcome), to join with CRM fields and retrain.");
        return app;
    }

    public static async Task<Results<Ok<MonitoringResponse>, ProblemHttpResult>> Monitoring(ModelHost models, IPredictionStore store, IWebhookStore webhooks, PredictionLog log,
        FieldDriftTracker fields, IOptions<DriftOptions> drift, CancellationToken cancellation)
    {
        if (models.Current is not { } model)
            return NoModel.Problem(models);
        // The outcomes' reads are independent, each on its own pooled connection: run side by side, they answer in the time of one.
        var furthest = Task.Run(() => store.RecordedOutcomesAsync(cancellation), cancellation);
        var evaluations = model.Bundle.Manifest.Outcomes.Select(outcome => Task.Run(async () =>
        {
            var latest = await store.LatestOfLeadsWithOutcomesAsync(outcome.Label, cancellation);
            var recent = await store.RecentScoreBinsAsync(model.QualifiedVersion, outcome.Label, outcome.ScoreDeciles, DriftSample, cancellation);
            return LiveEvaluation.Evaluate(outcome, latest, await furthest, recent);
        }, cancellation)).ToList();
        var now = log.Clock.GetUtcNow().UtcDateTime;
        var volume = await store.VolumeAsync(now.AddDays(-VolumeDays), cancellation);
        var stopped = await store.CrashedRunsAsync(now - SilentRun, cancellation);
        var deliveries = await webhooks.DeliveryCountsAsync(cancellation);
        var fieldCounts = await fields.CountsAsync(model, cancellation);
        var challenger = await ChallengerComparisons.CompareAsync(model, models.Challenger, store, furthest, cancellation);
        var outcomes = (await Task.WhenAll(evaluations)).Select(ToResponse).ToList();
        return TypedResults.Ok(new MonitoringResponse(model.QualifiedVersion, outcomes,
            [.. volume.Select(v => new DailyVolume(v.Day, v.ModelVersion, v.Count))], new LoggingCounts(log.Written, log.Dropped, stopped.Runs, stopped.RecordsLost),
            Webhooks.WebhooksApi.Counts(deliveries), FieldDrift(model, fieldCounts, drift.Value), challenger, models.ChallengerError is { } refused ? models.ForClients(refused) : null));
    }

    private static FieldDriftResponse FieldDrift(ActiveModel model, IReadOnlyList<long[]>? counts, DriftOptions options) => counts is null
        ? new FieldDriftResponse(options.Threshold, options.MinimumLeads, $"{model.QualifiedVersion} was trained before bundles kept their fields' training distributions; retrain it for drift per field", [])
        : new FieldDriftResponse(options.Threshold, options.MinimumLeads, null, [.. Scoring.Fields.FieldDrift.Read(model.Fields!.Fields, counts)
            .Select(r => new FieldDriftEntry(r.Field, r.Leads, r.Psi, r.Reading, r.MovedMost, r.TrainingShare, r.LiveShare))]);

    /// <summary>Streams the export a page of leads at a time (keyset-paged by lead id), so the log is never held in memory.</summary>
    public static async Task Export(HttpContext http, ModelHost models, IPredictionStore store, CancellationToken cancellation)
    {
        var stageOf = models.Current is { } model ? model.Bundle.StageOf : (Func<string, FunnelStage?>)FunnelStages.GuessFromOutcomeName;
        var outcomes = await store.LoggedOutcomesAsync(cancellation);
        http.Response.ContentType = "text/csv; charset=utf-8";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteAsync(OutcomeExport.Header(outcomes));
        string? after = null;
        while (true)
        {
            var page = (await store.LatestPageAsync(after, ExportPageLeads, cancellation)).Where(p => p.LeadId is not null)
                .Select(p => new ExportedPrediction(p.LeadId!, p.AccountId, p.Time, p.ModelVersion, p.Outcome, p.Probability, p.RulePoints, FunnelStages.Parse(p.RuleStage))).ToList();
            if (page.Count == 0)
                break;
            var recorded = RecordedOutcomes.From((await store.OutcomesBetweenAsync(page[0].LeadId, page[^1].LeadId, cancellation)).Select(o => (o.LeadId, o.Stage)));
            await writer.WriteAsync(OutcomeExport.Rows(page, outcomes, recorded, stageOf));
            await writer.FlushAsync(cancellation);
            after = page[^1].LeadId;
        }
    }

    private static OutcomeMonitoring ToResponse(OutcomeEvaluation e) => new(
        e.Outcome, e.LeadsWithOutcome, e.Positives, Finite(e.ModelRocAuc), Finite(e.RulesRocAuc), Finite(e.ExpectedCalibrationError),
        Finite(e.MeanPredicted), Finite(e.ObservedRate),
        [.. e.Reliability.Select(b => new ReliabilityBinResponse(b.Low, b.High, b.Rows, b.MeanPredicted, b.ObservedRate))],
        [.. e.Weekly.Select(w => new WeekMonitoring(w.Week, w.Leads, Finite(w.ModelRocAuc), Finite(w.RulesRocAuc), Finite(w.MeanPredicted), Finite(w.ObservedRate)))],
        new DriftResponse(e.Drift.ScoresCompared, Finite(e.Drift.Psi), e.Drift.Reading));

    internal static double? Finite(double value) => double.IsFinite(value) ? Math.Round(value, 6) : null;
}
