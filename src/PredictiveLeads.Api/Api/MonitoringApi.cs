using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using PredictiveLeads.Api.Auth;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Metrics;

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
        var furthest = OutcomeLabels.FurthestStage(await store.AllOutcomesAsync(cancellation));
        var recent = await store.RecentAsync(DriftSample, cancellation);
        var outcomes = new JsonArray();
        foreach (var outcome in model.Bundle.Manifest.Outcomes)
        {
            var known = latest.Where(p => p.Outcome == outcome.Label && p.LeadId is not null && p.Probability is not null && furthest.ContainsKey(p.LeadId)).ToList();
            var labels = known.Select(p => OutcomeLabels.Label(outcome.Label, furthest[p.LeadId!])).ToArray();
            var probabilities = known.Select(p => p.Probability!.Value).ToArray();
            var points = known.Select(p => p.RulePoints ?? 0).ToArray();
            var live = recent.Where(p => p.Outcome == outcome.Label && p.Probability is not null && p.ModelVersion == model.Version).Select(p => p.Probability!.Value).ToList();
            var calibration = known.Count > 0 ? ProbabilityMetrics.Calibration(probabilities, labels) : null;
            outcomes.Add(new JsonObject
            {
                ["outcome"] = outcome.Label,
                ["leadsWithOutcome"] = known.Count,
                ["positives"] = labels.Count(l => l == 1),
                ["modelRocAuc"] = Finite(known.Count > 0 ? RankingMetrics.RocAuc(probabilities, labels) : double.NaN),
                ["rulesRocAuc"] = Finite(known.Count > 0 ? RankingMetrics.RocAuc(points, labels) : double.NaN),
                ["expectedCalibrationError"] = Finite(calibration?.ExpectedCalibrationError ?? double.NaN),
                ["meanPredicted"] = Finite(probabilities.Length > 0 ? probabilities.Average() : double.NaN),
                ["observedRate"] = Finite(labels.Length > 0 ? labels.Average() : double.NaN),
                ["reliability"] = new JsonArray([.. (calibration?.Bins ?? []).Where(b => b.Rows > 0).Select(b => (JsonNode)new JsonObject
                {
                    ["low"] = b.Low, ["high"] = b.High, ["rows"] = b.Rows, ["meanPredicted"] = b.MeanPredicted, ["observedRate"] = b.ObservedRate,
                })]),
                ["weekly"] = Weekly(known, labels),
                ["drift"] = new JsonObject
                {
                    ["scoresCompared"] = live.Count,
                    ["psi"] = Finite(Drift.PopulationStabilityIndex(outcome.ScoreDeciles, live)),
                    ["reading"] = live.Count < 100 ? "too few scores yet" : Drift.PopulationStabilityIndex(outcome.ScoreDeciles, live) switch
                    {
                        < 0.1 => "stable",
                        < 0.25 => "moderate shift",
                        _ => "large shift: check the inputs and consider retraining",
                    },
                },
            });
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
        var latest = await store.LatestPredictionsAsync(cancellation);
        var furthest = OutcomeLabels.FurthestStage(await store.AllOutcomesAsync(cancellation));
        var outcomes = latest.Select(p => p.Outcome).Distinct().Order(StringComparer.Ordinal).ToList();
        var csv = new StringBuilder();
        csv.Append("lead_id,account_id,scored_at,model_version,rule_points,rule_stage");
        foreach (var outcome in outcomes)
            csv.Append(CultureInfo.InvariantCulture, $",{CsvText.Quote(outcome + "_probability")}");
        foreach (var outcome in outcomes)
            csv.Append(',').Append(CsvText.Quote(outcome));
        csv.Append('\n');
        foreach (var lead in latest.GroupBy(p => p.LeadId!, StringComparer.Ordinal))
        {
            var newest = lead.MaxBy(p => p.Time)!;
            csv.Append(CultureInfo.InvariantCulture, $"{CsvText.Quote(lead.Key)},{CsvText.Quote(newest.AccountId ?? "")},{newest.Time:O},{CsvText.Quote(newest.ModelVersion)},{newest.RulePoints},{newest.RuleStage}");
            foreach (var outcome in outcomes)
                csv.Append(CultureInfo.InvariantCulture, $",{lead.FirstOrDefault(p => p.Outcome == outcome)?.Probability}");
            foreach (var outcome in outcomes)
                csv.Append(',').Append(furthest.TryGetValue(lead.Key, out var stage) ? OutcomeLabels.Label(outcome, stage).ToString(CultureInfo.InvariantCulture) : "");
            csv.Append('\n');
        }
        return Results.Text(csv.ToString(), "text/csv", Encoding.UTF8);
    }

    /// <summary>Live AUC and calibration per week the leads were scored in (weeks start on Monday, UTC), oldest first.</summary>
    private static JsonArray Weekly(List<PredictionRecord> known, double[] labels)
    {
        var weeks = new JsonArray();
        foreach (var week in known.Select((p, i) => (p, i)).GroupBy(x => x.p.Time.Date.AddDays(-(((int)x.p.Time.DayOfWeek + 6) % 7))).OrderBy(g => g.Key))
        {
            var probabilities = week.Select(x => x.p.Probability!.Value).ToArray();
            var points = week.Select(x => x.p.RulePoints ?? 0).ToArray();
            var y = week.Select(x => labels[x.i]).ToArray();
            var bothClasses = y.Distinct().Count() == 2;
            weeks.Add(new JsonObject
            {
                ["week"] = week.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["leads"] = y.Length,
                ["modelRocAuc"] = Finite(bothClasses ? RankingMetrics.RocAuc(probabilities, y) : double.NaN),
                ["rulesRocAuc"] = Finite(bothClasses ? RankingMetrics.RocAuc(points, y) : double.NaN),
                ["meanPredicted"] = Finite(probabilities.Average()),
                ["observedRate"] = Finite(y.Average()),
            });
        }
        return weeks;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? Math.Round(value, 6) : null;
}
