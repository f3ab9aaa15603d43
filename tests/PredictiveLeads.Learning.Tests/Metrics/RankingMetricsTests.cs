using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Metrics;

namespace PredictiveLeads.Learning.Tests.Metrics;

public sealed class RankingMetricsTests
{
    [Theory]
    [InlineData(1, 50)]
    [InlineData(2, 500)]
    [InlineData(3, 2000)]
    public void Auc_equals_the_pairwise_count_with_ties_as_half(int seed, int rows)
    {
        var random = new DeterministicRandom((ulong)seed);
        var scores = new double[rows];
        var labels = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            scores[i] = random.Next(20) / 20.0; // many ties
            labels[i] = random.NextDouble() < 0.2 + 0.6 * scores[i] ? 1 : 0;
        }

        double correct = 0, pairs = 0;
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < rows; j++)
            {
                if (labels[i] != 1 || labels[j] != 0)
                    continue;
                pairs++;
                correct += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        }

        Assert.Equal(correct / pairs, RankingMetrics.RocAuc(scores, labels), 12);
    }

    [Theory]
    [InlineData(4, 3_000)]
    [InlineData(5, 200_000)]
    public void Auc_of_groups_sharing_a_score_is_the_row_by_row_auc_to_the_bit(int seed, int rows)
    {
        // Rows fall in 60 groups; groups 0-9 share their score with groups 50-59, as target-encoded levels of two folds can.
        var random = new DeterministicRandom((ulong)seed);
        var groupScores = Enumerable.Range(0, 60).Select(g => (g % 50) / 7.0).ToArray();
        var positives = new long[60];
        var counts = new long[60];
        var scores = new double[rows];
        var labels = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var group = random.Next(60);
            scores[i] = groupScores[group];
            labels[i] = random.NextDouble() < 0.1 + 0.01 * (group % 50) ? 1 : 0;
            counts[group]++;
            positives[group] += (long)labels[i];
        }

        Assert.True(RankingMetrics.RocAuc(scores, labels) == RankingMetrics.RocAuc(groupScores, positives, counts));
        Assert.True(double.IsNaN(RankingMetrics.RocAuc([0.2, 0.1], [0L, 0L], [3L, 4L])));
    }

    [Fact]
    public void Auc_is_nan_with_one_class() =>
        Assert.True(double.IsNaN(RankingMetrics.RocAuc([0.1, 0.2], [1, 1])));

    [Fact]
    public void Average_precision_matches_a_hand_computed_case()
    {
        // Ranked: 0.9 (1), 0.8 (0), 0.7 (1), 0.1 (0): AP = 0.5 * 1 + 0.5 * 2/3.
        Assert.Equal(0.5 + 1.0 / 3, RankingMetrics.AveragePrecision([0.1, 0.7, 0.8, 0.9], [0, 1, 0, 1]), 12);
    }

    [Fact]
    public void Capture_counts_positives_in_the_top_k() =>
        Assert.Equal(2.0 / 3, WorkloadMetrics.CaptureAt([0.9, 0.8, 0.7, 0.2, 0.1], [1, 0, 1, 1, 0], 3), 12);

    [Fact]
    public void Deciles_capture_every_positive_by_the_last()
    {
        var scores = Enumerable.Range(0, 100).Select(i => i / 100.0).ToArray();
        var labels = scores.Select(s => s > 0.7 ? 1.0 : 0).ToArray();

        var deciles = WorkloadMetrics.Deciles(scores, labels);

        Assert.Equal(10, deciles.Count);
        Assert.Equal(10, deciles[0].Positives);
        Assert.Equal(1.0, deciles[^1].CumulativeCapture, 12);
        Assert.Equal(1 / 0.29, deciles[0].Lift, 9);
    }

    [Fact]
    public void Threshold_metrics_fill_the_confusion_matrix()
    {
        var metrics = ThresholdMetrics.Compute([0.9, 0.6, 0.4, 0.2], [1, 0, 1, 0], 0.5);

        Assert.Equal((1L, 1L, 1L, 1L), (metrics.TruePositives, metrics.FalsePositives, metrics.TrueNegatives, metrics.FalseNegatives));
        Assert.Equal(0.5, metrics.Precision);
        Assert.Equal(0.5, metrics.F1);
    }

    [Fact]
    public void Calibration_error_is_zero_when_rates_match_predictions()
    {
        double[] probabilities = [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75];
        double[] labels = [1, 0, 0, 0, 1, 1, 1, 0];

        var report = ProbabilityMetrics.Calibration(probabilities, labels);

        Assert.Equal(0, report.ExpectedCalibrationError, 12);
        Assert.Equal(0.1875, ProbabilityMetrics.Brier(probabilities, labels), 12);
    }
}
