using PredictiveLeads.Learning.Metrics;

namespace PredictiveLeads.Scoring.Training;

/// <summary>Computes the workload-matched comparison of model and rules.</summary>
public static class WorkloadComparisons
{
    public static WorkloadComparison Compute(double[] modelProbabilities, bool[] rulesHandOver, double[] labels)
    {
        var handOver = rulesHandOver.Count(h => h);
        long rulesFind = 0, positives = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            positives += labels[i] > 0.5 ? 1 : 0;
            rulesFind += rulesHandOver[i] && labels[i] > 0.5 ? 1 : 0;
        }
        var caught = TopCatch.Curve(modelProbabilities, labels);
        return new WorkloadComparison(labels.Length, positives, handOver, rulesFind, Math.Round(caught[handOver], 3), TopCatch.LeadsToCatch(caught, rulesFind));
    }
}
