namespace PredictiveLeads.Learning.Metrics;

/// <summary>Metrics of how true predicted probabilities are.</summary>
public static class ProbabilityMetrics
{
    /// <summary>Mean log loss, probabilities clipped to [1e-15, 1 − 1e-15].</summary>
    public static double LogLoss(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        double total = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            total -= labels[i] > 0.5 ? Math.Log(p) : Math.Log(1 - p);
        }
        return total / probabilities.Length;
    }

    /// <summary>Mean squared difference between probability and outcome.</summary>
    public static double Brier(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        double total = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var d = probabilities[i] - labels[i];
            total += d * d;
        }
        return total / probabilities.Length;
    }

    /// <summary>
    /// Reliability bins of equal width over [0, 1] and the expected calibration error: the row-weighted mean
    /// gap between mean predicted probability and observed rate.
    /// </summary>
    public static CalibrationReport Calibration(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels, int binCount = 10)
    {
        var count = new int[binCount];
        var predicted = new double[binCount];
        var observed = new double[binCount];
        for (var i = 0; i < probabilities.Length; i++)
        {
            var bin = Math.Clamp((int)(probabilities[i] * binCount), 0, binCount - 1);
            count[bin]++;
            predicted[bin] += probabilities[i];
            observed[bin] += labels[i] > 0.5 ? 1 : 0;
        }
        var bins = new List<ReliabilityBin>(binCount);
        double ece = 0;
        for (var b = 0; b < binCount; b++)
        {
            if (count[b] == 0)
            {
                bins.Add(new ReliabilityBin((double)b / binCount, (double)(b + 1) / binCount, 0, double.NaN, double.NaN));
                continue;
            }
            var meanPredicted = predicted[b] / count[b];
            var rate = observed[b] / count[b];
            ece += (double)count[b] / probabilities.Length * Math.Abs(meanPredicted - rate);
            bins.Add(new ReliabilityBin((double)b / binCount, (double)(b + 1) / binCount, count[b], meanPredicted, rate));
        }
        return new CalibrationReport(ece, bins);
    }
}

/// <summary>One bin of a reliability diagram.</summary>
public sealed record ReliabilityBin(double Low, double High, int Rows, double MeanPredicted, double ObservedRate);

/// <summary>Expected calibration error and the reliability bins it comes from.</summary>
public sealed record CalibrationReport(double ExpectedCalibrationError, IReadOnlyList<ReliabilityBin> Bins);
