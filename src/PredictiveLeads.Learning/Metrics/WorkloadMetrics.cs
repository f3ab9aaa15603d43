namespace PredictiveLeads.Learning.Metrics;

/// <summary>
/// Metrics of what a sales team gets when it works the highest-scored leads first: gains and lift by decile,
/// and the share of all positives found within a capacity.
/// </summary>
public static class WorkloadMetrics
{
    /// <summary>
    /// Rows sorted by descending score in ten equal groups: each decile's rows, positives, rate, lift over the
    /// base rate, and the cumulative share of all positives captured so far.
    /// </summary>
    public static IReadOnlyList<DecileRow> Deciles(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels) => Deciles(TopCatch.Curve(scores, labels));

    /// <summary>The deciles from the count of positives caught in the top k (<see cref="TopCatch.Curve"/>).</summary>
    public static IReadOnlyList<DecileRow> Deciles(double[] caught)
    {
        var n = caught.Length - 1;
        var totalPositives = caught[^1];
        var baseRate = totalPositives / Math.Max(1, n);
        var rows = new List<DecileRow>(10);
        for (var d = 0; d < 10; d++)
        {
            var start = (int)((long)n * d / 10);
            var end = (int)((long)n * (d + 1) / 10);
            var positives = caught[end] - caught[start];
            var size = end - start;
            var rate = size == 0 ? 0 : positives / size;
            rows.Add(new DecileRow(d + 1, size, positives, rate, baseRate > 0 ? rate / baseRate : double.NaN,
                totalPositives > 0 ? caught[end] / totalPositives : double.NaN));
        }
        return rows;
    }

    /// <summary>The share of all positives among the <paramref name="capacity"/> highest-scored rows.</summary>
    public static double CaptureAt(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels, int capacity) => CaptureAt(TopCatch.Curve(scores, labels), capacity);

    /// <summary>The share of all positives among the <paramref name="capacity"/> highest-scored rows, from the count caught in the top k.</summary>
    public static double CaptureAt(double[] caught, int capacity) =>
        caught[^1] == 0 ? double.NaN : caught[Math.Clamp(capacity, 0, caught.Length - 1)] / caught[^1];
}

/// <summary>One decile of a gains table.</summary>
/// <remarks>Positives are expected counts: a tie across a decile edge is shared by its average rate (see <see cref="TopCatch"/>).</remarks>
public sealed record DecileRow(int Decile, int Rows, double Positives, double Rate, double Lift, double CumulativeCapture);
