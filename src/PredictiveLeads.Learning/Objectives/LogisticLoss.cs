namespace PredictiveLeads.Learning.Objectives;

/// <summary>Binary log loss on the margin (log-odds) scale: gradients, hessians, the starting margin and the loss.</summary>
public static class LogisticLoss
{
    private const double MinHessian = 1e-16;

    public static double Sigmoid(double margin) => 1.0 / (1.0 + Math.Exp(-margin));

    public static double Logit(double probability) => Math.Log(probability / (1 - probability));

    /// <summary>The constant margin that minimises weighted log loss: the log-odds of the weighted positive rate.</summary>
    public static double BaseMargin(ReadOnlySpan<double> labels, double positiveWeight)
    {
        double positives = 0, negatives = 0;
        foreach (var label in labels)
        {
            if (label > 0.5)
                positives += positiveWeight;
            else
                negatives += 1;
        }
        return Math.Log(positives / negatives);
    }

    /// <summary>Writes each row's gradient and hessian side by side into <paramref name="gradHess"/>.</summary>
    public static void Gradients(ReadOnlySpan<double> margins, ReadOnlySpan<double> labels, double positiveWeight, Span<double> gradHess)
    {
        for (var row = 0; row < margins.Length; row++)
        {
            var p = Sigmoid(margins[row]);
            var y = labels[row];
            var weight = y > 0.5 ? positiveWeight : 1.0;
            gradHess[2 * row] = weight * (p - y);
            gradHess[2 * row + 1] = Math.Max(weight * p * (1 - p), MinHessian);
        }
    }

    /// <summary>Mean log loss of margins against 0/1 labels, computed stably from the margin.</summary>
    public static double MeanLoss(ReadOnlySpan<double> margins, ReadOnlySpan<double> labels)
    {
        double total = 0;
        for (var row = 0; row < margins.Length; row++)
        {
            var m = margins[row];
            // log(1 + e^m) - y*m, without overflow.
            var softplus = m > 0 ? m + double.LogP1(Math.Exp(-m)) : double.LogP1(Math.Exp(m));
            total += softplus - labels[row] * m;
        }
        return total / margins.Length;
    }
}
