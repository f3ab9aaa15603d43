using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Registry;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Trainer.Commands;

/// <summary>
/// Refuses to publish a version that tests worse than the active one: both are scored on this run's test leads,
/// and each outcome's new ROC AUC must be at least the current one's minus <see cref="Tolerance"/>.
/// </summary>
internal static class PromotionGate
{
    public const double Tolerance = 0.01;

    public static void Check(ModelRegistry registry, string name, DataTable table, BundleTrainingResult result, bool force, int threads)
    {
        if (force || registry.Current(name) is not { } version)
            return;
        ModelBundle current;
        try
        {
            current = ModelBundle.Load(registry.VersionDirectory(name, version));
        }
        catch (ModelFormatException)
        {
            return; // a broken current version is no reason to keep a working one out
        }
        var test = table.Select(result.Split.Test);
        IReadOnlyList<(string Outcome, double[] Probabilities)> scores;
        try
        {
            scores = BundleScorer.Score(current, test, threads, []);
        }
        catch (DataFormatException e)
        {
            throw new UsageException($"not published: the current version {version} of '{name}' cannot score this data ({e.Message}); use --force to publish anyway");
        }
        foreach (var outcome in result.Outcomes)
        {
            var newAuc = outcome.ModelTest?.RocAuc ?? outcome.RulesTest?.RocAuc;
            var currentScores = scores.FirstOrDefault(s => s.Outcome == outcome.Label).Probabilities;
            if (newAuc is null || currentScores is null)
                continue;
            var labels = BinaryLabel.Read(test, outcome.Label);
            var rows = Enumerable.Range(0, test.RowCount).Where(r => !double.IsNaN(labels[r])).ToArray();
            var currentAuc = RankingMetrics.RocAuc([.. rows.Select(r => currentScores[r])], [.. rows.Select(r => labels[r])]);
            if (newAuc < currentAuc - Tolerance)
                throw new DataFormatException($"not published: '{outcome.Label}' tests at ROC AUC {newAuc:F4}, below the current version {version}'s {currentAuc:F4} minus {Tolerance} on the same leads; use --force to publish anyway");
        }
    }
}
