namespace PredictiveLeads.Learning.Objectives;

/// <summary>Binary log loss on the margin (log-odds) scale.</summary>
public static class LogisticLoss
{
    public static double Sigmoid(double margin) => 1.0 / (1.0 + Math.Exp(-margin));

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
