namespace PredictiveLeads.Learning.Metrics;

/// <summary>Counts and rates of predicting "positive" for probabilities at or above a threshold.</summary>
public sealed record ThresholdMetrics(double Threshold, long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => Precision + Recall is var sum && sum > 0 ? 2 * Precision * Recall / sum : 0;

    public double Accuracy => (double)(TruePositives + TrueNegatives) / Math.Max(1, TruePositives + FalsePositives + TrueNegatives + FalseNegatives);

    public static ThresholdMetrics Compute(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels, double threshold)
    {
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var predicted = probabilities[i] >= threshold;
            var actual = labels[i] > 0.5;
            if (predicted && actual) tp++;
            else if (predicted) fp++;
            else if (actual) fn++;
            else tn++;
        }
        return new ThresholdMetrics(threshold, tp, fp, tn, fn);
    }
}
