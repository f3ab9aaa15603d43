using System.Text.Json.Nodes;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Api.Api;

/// <summary>What a person or a client needs to know about the model being served, from the bundle and its report and metadata.</summary>
public static class ModelCard
{
    public static JsonObject Build(ActiveModel model)
    {
        var report = Read(Path.Combine(model.Directory, "report.json"));
        var metadata = Read(Path.Combine(model.Directory, "metadata.json"));
        var outcomes = new JsonArray();
        foreach (var outcome in model.Bundle.Manifest.Outcomes)
        {
            var tested = report?["outcomes"]?.AsArray().FirstOrDefault(o => o?["label"]?.GetValue<string>() == outcome.Label);
            outcomes.Add(new JsonObject
            {
                ["outcome"] = outcome.Label,
                ["stage"] = model.Bundle.StageOf(outcome.Label).Name(),
                ["source"] = outcome.Source.ToString().ToLowerInvariant(),
                ["reason"] = outcome.Reason,
                ["model"] = Summary(tested?["model"]),
                ["rules"] = Summary(tested?["rules"]),
                ["workload"] = tested?["workload"]?.DeepClone(),
                ["topFeatures"] = new JsonArray([.. (tested?["importance"]?.AsArray() ?? []).Take(5).Select(i => i?["feature"]?.DeepClone())]),
                ["hasAccountModel"] = model.Bundle.AccountModels.ContainsKey(outcome.Label),
            });
        }
        var fields = new JsonArray();
        foreach (var field in ModelInputs.Of(model.Bundle))
        {
            fields.Add(new JsonObject
            {
                ["name"] = field.Name,
                ["kind"] = field.Kind.ToString().ToLowerInvariant(),
                ["levels"] = field.Kind == LeadFieldKind.Categorical ? new JsonArray([.. field.Levels.Select(l => (JsonNode)l)]) : null,
            });
        }
        return new JsonObject
        {
            ["name"] = model.Name,
            ["version"] = model.Version,
            ["loadedAt"] = model.LoadedAt,
            ["trainedAt"] = metadata?["trainedAt"]?.DeepClone(),
            ["data"] = metadata?["data"]?.DeepClone(),
            ["split"] = report?["split"]?.DeepClone(),
            ["rules"] = model.Bundle.Rules?.Name,
            ["outcomes"] = outcomes,
            ["fields"] = fields,
            ["idField"] = model.Bundle.Manifest.IdColumn,
            ["accountField"] = model.Bundle.Manifest.AccountColumn,
        };
    }

    private static JsonObject? Summary(JsonNode? metrics) => metrics is null ? null : new JsonObject
    {
        ["rocAuc"] = metrics["rocAuc"]?.DeepClone(),
        ["logLoss"] = metrics["logLoss"]?.DeepClone(),
        ["brier"] = metrics["brier"]?.DeepClone(),
        ["expectedCalibrationError"] = metrics["expectedCalibrationError"]?.DeepClone(),
    };

    private static JsonNode? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
