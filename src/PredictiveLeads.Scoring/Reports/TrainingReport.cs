using System.Text.Json;
using System.Text.Json.Nodes;
using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Learning.Serialization;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Scoring.Reports;

/// <summary>
/// <c>report.json</c>: for each outcome the model's and the rules' metrics on the same test leads, the
/// workload-matched comparison, the leakage scan (with <c>leakage_suspects</c>), the split and feature
/// importance. Deterministic: no timestamps (those are in metadata.json).
/// </summary>
public static class TrainingReport
{
    private static readonly JsonSerializerOptions Json = new(ModelSerializer.Json) { WriteIndented = true };

    public static JsonObject Build(BundleTrainingResult result)
    {
        var split = result.Split;
        return new JsonObject
        {
            ["rows"] = result.Rows,
            ["split"] = new JsonObject
            {
                ["method"] = split.Method,
                ["fitRows"] = split.Fit.Length,
                ["validationRows"] = split.Validation.Length,
                ["testRows"] = split.Test.Length,
                ["fitDates"] = split.FitDates?.ToString(),
                ["validationDates"] = split.ValidationDates?.ToString(),
                ["testDates"] = split.TestDates?.ToString(),
            },
            ["rules"] = result.Rules?.Name,
            ["outcomes"] = new JsonArray([.. result.Outcomes.Select(Outcome)]),
        };
    }

    public static byte[] ToBytes(JsonObject report) => JsonSerializer.SerializeToUtf8Bytes(report, Json);

    private static JsonNode Outcome(OutcomeResult outcome)
    {
        var node = new JsonObject
        {
            ["label"] = outcome.Label,
            ["stage"] = outcome.Stage.Name(),
            ["stageGuessed"] = outcome.StageGuessed,
            ["source"] = outcome.Source == OutcomeSource.Model ? "model" : "rules",
            ["reason"] = outcome.Reason,
            ["positives"] = outcome.Positives,
            ["negatives"] = outcome.Negatives,
            ["model"] = outcome.ModelTest is null ? null : Metrics(outcome.ModelTest),
            ["rules"] = outcome.RulesTest is null ? null : Metrics(outcome.RulesTest),
            ["rulesPointsRocAuc"] = Round(outcome.RulesPointsAuc),
            ["workload"] = outcome.Workload is null ? null : JsonSerializer.SerializeToNode(outcome.Workload, Json),
            ["leakage_suspects"] = new JsonArray([.. outcome.Leakage.Where(f => f.Suspect).Select(f => (JsonNode)f.Column)]),
            ["excluded"] = new JsonArray([.. outcome.Excluded.Select(c => (JsonNode)c)]),
            ["keptSuspects"] = new JsonArray([.. outcome.KeptSuspects.Select(c => (JsonNode)c)]),
            ["leakage"] = JsonSerializer.SerializeToNode(outcome.Leakage, Json),
            ["curves"] = new JsonObject
            {
                ["model"] = outcome.ModelCurves is null ? null : JsonSerializer.SerializeToNode(outcome.ModelCurves, Json),
                ["rules"] = outcome.RulesCurves is null ? null : JsonSerializer.SerializeToNode(outcome.RulesCurves, Json),
            },
        };
        if (outcome.Account is { } account)
        {
            node["account"] = new JsonObject
            {
                ["accounts"] = account.Accounts,
                ["testAccounts"] = account.TestAccounts,
                ["features"] = new JsonArray([.. account.Spec.FeatureNames().Select(n => (JsonNode)n)]),
                ["model"] = Metrics(account.ModelTest),
                ["rollup"] = Metrics(account.RollupTest),
                ["importance"] = JsonSerializer.SerializeToNode(account.Training.Importance.Take(10), Json),
            };
        }
        if (outcome.Training is { } training)
        {
            node["trees"] = training.Trees;
            node["features"] = training.Model.FeatureCount;
            node["validation"] = Metrics(training.Validation);
            node["importance"] = JsonSerializer.SerializeToNode(training.Importance, Json);
            node["notes"] = new JsonArray([.. training.Notes.Select(n => (JsonNode)n)]);
        }
        return node;
    }

    private static JsonObject Metrics(ClassifierEvaluation e) => new()
    {
        ["rows"] = e.Rows,
        ["positives"] = e.Positives,
        ["rocAuc"] = Round(e.RocAuc),
        ["averagePrecision"] = Round(e.AveragePrecision),
        ["logLoss"] = Round(e.LogLoss),
        ["brier"] = Round(e.Brier),
        ["expectedCalibrationError"] = Round(e.ExpectedCalibrationError),
        ["reliability"] = JsonSerializer.SerializeToNode(e.Reliability.Where(b => b.Rows > 0), Json),
        ["deciles"] = JsonSerializer.SerializeToNode(e.Deciles, Json),
        ["capture"] = JsonSerializer.SerializeToNode(e.Capture, Json),
    };

    private static double? Round(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 5) : null;
}
