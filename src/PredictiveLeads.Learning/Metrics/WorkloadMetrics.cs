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
    public static IReadOnlyList<DecileRow> Deciles(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        var order = Descending(scores);
        var totalPositives = CountPositives(labels);
        var baseRate = (double)totalPositives / Math.Max(1, labels.Length);
        var rows = new List<DecileRow>(10);
        long cumulative = 0;
        for (var d = 0; d < 10; d++)
        {
            var start = (int)((long)order.Length * d / 10);
            var end = (int)((long)order.Length * (d + 1) / 10);
            long positives = 0;
            for (var i = start; i < end; i++)
            {
                if (labels[order[i]] > 0.5)
                    positives++;
            }
            cumulative += positives;
            var size = end - start;
            var rate = size == 0 ? 0 : (double)positives / size;
            rows.Add(new DecileRow(d + 1, size, positives, rate, baseRate > 0 ? rate / baseRate : double.NaN,
                totalPositives > 0 ? (double)cumulative / totalPositives : double.NaN));
        }
        return rows;
    }

    /// <summary>The share of all positives among the <paramref name="capacity"/> highest-scored rows.</summary>
    public static double CaptureAt(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels, int capacity)
    {
        var order = Descending(scores);
        var totalPositives = CountPositives(labels);
        if (totalPositives == 0)
            return double.NaN;
        long found = 0;
        var take = Math.Min(capacity, order.Length);
        for (var i = 0; i < take; i++)
        {
            if (labels[order[i]] > 0.5)
                found++;
        }
        return (double)found / totalPositives;
    }

    private static int[] Descending(ReadOnlySpan<double> scores)
    {
        var order = RankingMetrics.SortedOrder(scores);
        // Highest first; among equal scores keep the lower row first so results are deterministic.
        var result = new int[order.Length];
        var write = 0;
        var end = order.Length;
        while (end > 0)
        {
            var start = end - 1;
            while (start > 0 && scores[order[start - 1]] == scores[order[end - 1]])
                start--;
            for (var i = start; i < end; i++)
                result[write++] = order[i];
            end = start;
        }
        return result;
    }

    private static long CountPositives(ReadOnlySpan<double> labels)
    {
        long count = 0;
        foreach (var label in labels)
        {
            if (label > 0.5)
                count++;
        }
        return count;
    }
}

/// <summary>One decile of a gains table.</summary>
public sealed record DecileRow(int Decile, int Rows, long Positives, double Rate, double Lift, double CumulativeCapture);
