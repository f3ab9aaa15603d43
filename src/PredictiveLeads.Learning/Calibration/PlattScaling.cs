namespace PredictiveLeads.Learning.Calibration;

/// <summary>
/// Fits Platt scaling, p = σ(a·m + b), by Newton's method with a backtracking line search on log loss (Lin,
/// Lin and Weng, "A note on Platt's probabilistic outputs for support vector machines", 2007), with Platt's
/// smoothed targets (N₊+1)/(N₊+2) and 1/(N₋+2) so that a small calibration set cannot push probabilities to 0 or 1.
/// The line search keeps every step a descent step, so widely spread margins cannot make the fit diverge.
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

        double a = 0, b = Math.Log((positives + 1) / (negatives + 1));
        var loss = Loss(margins, labels, a, b, high, low);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (var i = 0; i < margins.Length; i++)
            {
                var target = labels[i] > 0.5 ? high : low;
                var p = Sigmoid(a * margins[i] + b);
                var d = p - target;
                var w = p * (1 - p);
                ga += d * margins[i];
                gb += d;
                haa += w * margins[i] * margins[i];
                hab += w * margins[i];
                hbb += w;
            }
            if (Math.Abs(ga) < 1e-9 && Math.Abs(gb) < 1e-9)
                break;
            var det = haa * hbb - hab * hab;
            if (det <= 0)
                break;
            var stepA = -(hbb * ga - hab * gb) / det;
            var stepB = -(haa * gb - hab * ga) / det;
            var slope = ga * stepA + gb * stepB;
            var size = 1.0;
            while (size >= 1e-10)
            {
                var next = Loss(margins, labels, a + size * stepA, b + size * stepB, high, low);
                if (next <= loss + 1e-4 * size * slope)
                {
                    a += size * stepA;
                    b += size * stepB;
                    loss = next;
                    break;
                }
                size /= 2;
            }
            if (size < 1e-10 || Math.Abs(size * stepA) + Math.Abs(size * stepB) < 1e-10)
                break;
        }
        return new Calibrator { Method = CalibrationMethod.Platt, Slope = a, Intercept = b };
    }

    private static double Sigmoid(double f) => f >= 0 ? 1 / (1 + Math.Exp(-f)) : Math.Exp(f) / (1 + Math.Exp(f));

    /// <summary>Log loss of σ(a·m + b) against the smoothed targets, computed without overflow.</summary>
    private static double Loss(ReadOnlySpan<double> margins, ReadOnlySpan<double> labels, double a, double b, double high, double low)
    {
        double total = 0;
        for (var i = 0; i < margins.Length; i++)
        {
            var target = labels[i] > 0.5 ? high : low;
            var f = a * margins[i] + b;
            // −t·log σ(f) − (1−t)·log(1−σ(f)) = log(1 + e^−f) + (1−t)·f
            var softplus = f >= 0 ? Math.Log(1 + Math.Exp(-f)) : -f + Math.Log(1 + Math.Exp(f));
            total += softplus + (1 - target) * f;
        }
        return total;
    }
}
