namespace PredictiveLeads.Learning.Calibration;

/// <summary>
/// Fits Platt scaling, p = σ(a·m + b), by Newton's method on log loss, with Platt's smoothed targets
/// (N₊+1)/(N₊+2) and 1/(N₋+2) so that a small calibration set cannot push probabilities to 0 or 1.
/// </summary>
public static class PlattScaling
{
    public static Calibrator Fit(ReadOnlySpan<double> margins, ReadOnlySpan<double> labels)
    {
        double positives = 0;
        foreach (var label in labels)
            positives += label > 0.5 ? 1 : 0;
        var negatives = labels.Length - positives;
        var high = (positives + 1) / (positives + 2);
        var low = 1 / (negatives + 2);

        double a = 1, b = 0;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (var i = 0; i < margins.Length; i++)
            {
                var target = labels[i] > 0.5 ? high : low;
                var p = 1 / (1 + Math.Exp(-(a * margins[i] + b)));
                var d = p - target;
                var w = p * (1 - p);
                ga += d * margins[i];
                gb += d;
                haa += w * margins[i] * margins[i];
                hab += w * margins[i];
                hbb += w;
            }
            var det = haa * hbb - hab * hab;
            if (det <= 0)
                break;
            var stepA = (hbb * ga - hab * gb) / det;
            var stepB = (haa * gb - hab * ga) / det;
            a -= stepA;
            b -= stepB;
            if (Math.Abs(stepA) + Math.Abs(stepB) < 1e-10)
                break;
        }
        return new Calibrator { Method = CalibrationMethod.Platt, Slope = a, Intercept = b };
    }
}
