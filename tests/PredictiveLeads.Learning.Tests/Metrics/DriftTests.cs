using PredictiveLeads.Learning.Metrics;

namespace PredictiveLeads.Learning.Tests.Metrics;

public sealed class DriftTests
{
    private static readonly double[] Edges = [0.2, 0.4, 0.6, 0.8];

    [Fact]
    public void Scores_spread_as_the_reference_was_have_no_drift()
    {
        double[] scores = [0.1, 0.3, 0.5, 0.7, 0.9, 0.15, 0.35, 0.55, 0.75, 0.95];

        Assert.Equal(0, Drift.PopulationStabilityIndex(Edges, scores), 12);
    }

    [Fact]
    public void A_shift_gives_the_sum_over_bins_of_the_share_difference_times_its_log_ratio()
    {
        // Shares 0.4, 0.4, 0.1, 0.1, 0 (counted as half a score: 0.05) against 0.2 each.
        double[] scores = [0.1, 0.1, 0.1, 0.1, 0.3, 0.3, 0.3, 0.3, 0.5, 0.7];
        double[] actual = [0.4, 0.4, 0.1, 0.1, 0.05];
        var expected = actual.Sum(a => (a - 0.2) * Math.Log(a / 0.2));

        Assert.Equal(expected, Drift.PopulationStabilityIndex(Edges, scores), 12);
    }

    [Fact]
    public void A_score_on_an_edge_belongs_to_the_lower_bin()
    {
        double[] onEdges = [0.2, 0.4, 0.6, 0.8, 1.0];
        double[] insideBins = [0.1, 0.3, 0.5, 0.7, 0.9];

        Assert.Equal(Drift.PopulationStabilityIndex(Edges, insideBins), Drift.PopulationStabilityIndex(Edges, onEdges), 12);
    }

    [Fact]
    public void No_scores_or_no_reference_is_not_a_number()
    {
        Assert.True(double.IsNaN(Drift.PopulationStabilityIndex(Edges, Array.Empty<double>())));
        Assert.True(double.IsNaN(Drift.PopulationStabilityIndex([], [0.5])));
    }
}
