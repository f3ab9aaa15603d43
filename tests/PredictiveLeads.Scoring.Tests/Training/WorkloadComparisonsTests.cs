using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Scoring.Tests.Training;

public sealed class WorkloadComparisonsTests
{
    [Fact]
    public void The_reports_same_workload_catch_is_the_dashboards_curve_at_the_rules_hand_over()
    {
        double[] model = [0.9, 0.5, 0.5, 0.5, 0.1];
        double[] labels = [1, 0, 1, 0, 1];
        bool[] rulesHandOver = [false, true, false, true, true];

        var workload = WorkloadComparisons.Compute(model, rulesHandOver, labels);
        var (caught, _) = CumulativeCatch.Compute(model, [.. labels.Select(l => (int)l)]);

        Assert.Equal((5, 3L, 3, 1L), (workload.TestLeads, workload.Positives, workload.RulesHandOver, workload.RulesFind));
        Assert.Equal(1.667, workload.ModelFindAtSameWorkload);
        Assert.Equal(caught[3], workload.ModelFindAtSameWorkload);
        Assert.Equal(1, workload.ModelLeadsForSameFinds);
    }
}
