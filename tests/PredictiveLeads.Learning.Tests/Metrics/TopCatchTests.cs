using PredictiveLeads.Learning.Metrics;

namespace PredictiveLeads.Learning.Tests.Metrics;

public sealed class TopCatchTests
{
    // Three leads tie at 0.5 with one positive among them: a cut inside the tie catches a third of a positive per lead.
    private static readonly double[] Scores = [0.9, 0.5, 0.5, 0.5, 0.1];
    private static readonly double[] Labels = [1, 0, 1, 0, 1];

    [Fact]
    public void A_tie_straddling_the_cut_counts_with_its_average_rate()
    {
        var curve = TopCatch.Curve(Scores, Labels);

        Assert.Equal(new[] { 0, 1, 1 + 1.0 / 3, 1 + 2.0 / 3, 2, 3 }.Select(c => Math.Round(c, 12)), curve.Select(c => Math.Round(c, 12)));
    }

    [Fact]
    public void The_order_rows_arrive_in_does_not_change_the_count()
    {
        var curve = TopCatch.Curve(Scores, Labels);
        var reversed = TopCatch.Curve([.. Scores.Reverse()], [.. Labels.Reverse()]);

        Assert.Equal(curve, reversed);
    }

    [Fact]
    public void Capture_deciles_and_gains_all_read_the_same_count()
    {
        var curve = TopCatch.Curve(Scores, Labels);

        Assert.Equal(curve[2] / 3, WorkloadMetrics.CaptureAt(Scores, Labels, 2), 12);
        // Ten leads: each decile holds one lead, and their positives add up the curve.
        double[] scores = [.. Scores, .. Scores];
        double[] labels = [.. Labels, .. Labels];
        var deciles = WorkloadMetrics.Deciles(scores, labels);
        var doubled = TopCatch.Curve(scores, labels);
        Assert.Equal(Enumerable.Range(1, 10).Select(k => Math.Round(doubled[k] - doubled[k - 1], 12)), deciles.Select(d => Math.Round(d.Positives, 12)));
        Assert.Equal(1.0 / 3, deciles[2].Positives, 12);
        var gains = Curves.Gains(Scores, Labels, steps: 5);
        Assert.Equal(curve.Skip(1).Select(c => Math.Round(c / 3, 12)), gains.Skip(1).Select(p => Math.Round(p.Y, 12)));
    }

    [Fact]
    public void The_leads_needed_for_a_catch_are_the_fewest_whose_expected_catch_reaches_it()
    {
        var curve = TopCatch.Curve(Scores, Labels);

        Assert.Equal(0, TopCatch.LeadsToCatch(curve, 0));
        Assert.Equal(1, TopCatch.LeadsToCatch(curve, 1));
        Assert.Equal(4, TopCatch.LeadsToCatch(curve, 2));
        Assert.Equal(5, TopCatch.LeadsToCatch(curve, 3));
    }
}
