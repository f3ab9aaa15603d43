namespace PredictiveLeads.Scoring.Training;

/// <summary>Computes the workload-matched comparison of model and rules.</summary>
public static class WorkloadComparisons
{
    public static WorkloadComparison Compute(double[] modelProbabilities, bool[] rulesHandOver, double[] labels)
    {
        var order = Enumerable.Range(0, labels.Length).OrderByDescending(i => modelProbabilities[i]).ThenBy(i => i).ToArray();
        var handOver = rulesHandOver.Count(h => h);
        long rulesFind = 0, positives = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            positives += labels[i] > 0.5 ? 1 : 0;
            rulesFind += rulesHandOver[i] && labels[i] > 0.5 ? 1 : 0;
        }
        long modelFind = 0;
        for (var k = 0; k < handOver; k++)
            modelFind += labels[order[k]] > 0.5 ? 1 : 0;
        var needed = 0;
        long found = 0;
        while (found < rulesFind && needed < order.Length)
            found += labels[order[needed++]] > 0.5 ? 1 : 0;
        return new WorkloadComparison(labels.Length, positives, handOver, rulesFind, modelFind, needed);
    }
}
