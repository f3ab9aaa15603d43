using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Scoring.Tests.Training;

public sealed class CumulativeCatchTests
{
    [Fact]
    public void Leads_tied_across_the_cut_count_with_their_average_rate_whatever_order_they_came_in()
    {
        // One lead scored 9 (a positive), then four tied at 5 of which two are positives, then one at 1.
        double[] scores = [5, 9, 5, 1, 5, 5];
        int[] labels = [1, 1, 0, 0, 0, 1];
        double[] reordered = [5, 5, 5, 9, 1, 5];
        int[] reorderedLabels = [0, 0, 1, 1, 0, 1];

        var (caught, step) = CumulativeCatch.Compute(scores, labels);
        var (again, _) = CumulativeCatch.Compute(reordered, reorderedLabels);

        Assert.Equal(1, step);
        Assert.Equal([0, 1, 1.5, 2, 2.5, 3, 3], caught);
        Assert.Equal(caught, again);
    }

    [Fact]
    public void Long_curves_are_sampled_at_a_step_and_always_end_with_every_lead()
    {
        var scores = Enumerable.Range(0, 10_000).Select(i => (double)i).ToArray();
        var labels = scores.Select(s => s % 2 == 0 ? 1 : 0).ToArray();

        var (caught, step) = CumulativeCatch.Compute(scores, labels, maxPoints: 101);

        Assert.Equal(100, step);
        Assert.Equal(101, caught.Length);
        Assert.Equal(5000, caught[^1]);
        Assert.Equal(50, caught[1]);
    }
}
