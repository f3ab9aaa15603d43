namespace PredictiveLeads.Learning.Metrics;

/// <summary>Metrics of how well scores rank positives above negatives.</summary>
public static class RankingMetrics
{
    /// <summary>
    /// ROC AUC by the rank-sum (Mann–Whitney) statistic, with tied scores sharing their average rank: equal
    /// to the share of (positive, negative) pairs ranked correctly, ties counting one half. NaN with one class.
    /// </summary>
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        var order = SortedOrder(scores);
        double positiveRankSum = 0;
        long positives = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
                j++;
            var averageRank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]] > 0.5)
                {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = order.Length - positives;
        if (positives == 0 || negatives == 0)
            return double.NaN;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>
    /// <see cref="RocAuc(ReadOnlySpan{double}, ReadOnlySpan{double})"/> of rows given as groups that share a score
    /// (<paramref name="rows"/> rows, <paramref name="positives"/> of them positive, scored <paramref name="scores"/>):
    /// the same value to the bit, without sorting every row. Groups may share a score.
    /// </summary>
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<long> positives, ReadOnlySpan<long> rows)
    {
        var order = SortedOrder(scores);
        double positiveRankSum = 0;
        long allPositives = 0, seen = 0;
        var i = 0;
        while (i < order.Length)
        {
            long count = 0, groupPositives = 0;
            var j = i;
            for (; j < order.Length && scores[order[j]] == scores[order[i]]; j++)
            {
                count += rows[order[j]];
                groupPositives += positives[order[j]];
            }
            // Every row of the tie shares its average rank, as in the row-by-row statistic (sums of half-integers, exact).
            positiveRankSum += groupPositives * ((seen + seen + count - 1) / 2.0 + 1);
            allPositives += groupPositives;
            seen += count;
            i = j;
        }
        var negatives = seen - allPositives;
        if (allPositives == 0 || negatives == 0)
            return double.NaN;
        return (positiveRankSum - allPositives * (allPositives + 1) / 2.0) / ((double)allPositives * negatives);
    }

    /// <summary>
    /// Average precision: the mean of precision at each positive when rows are taken by descending score,
    /// tied scores taken together as one step (as scikit-learn computes it).
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        var order = SortedOrder(scores);
        long totalPositives = 0;
        foreach (var label in labels)
        {
            if (label > 0.5)
                totalPositives++;
        }
        if (totalPositives == 0)
            return double.NaN;
        double ap = 0, previousRecall = 0;
        long truePositives = 0, taken = 0;
        var i = order.Length - 1;
        while (i >= 0)
        {
            var j = i;
            while (j - 1 >= 0 && scores[order[j - 1]] == scores[order[i]])
                j--;
            for (var k = j; k <= i; k++)
            {
                taken++;
                if (labels[order[k]] > 0.5)
                    truePositives++;
            }
            var recall = (double)truePositives / totalPositives;
            ap += (recall - previousRecall) * truePositives / taken;
            previousRecall = recall;
            i = j - 1;
        }
        return ap;
    }

    /// <summary>Row indices sorted by ascending score (stable, so the result is deterministic).</summary>
    internal static int[] SortedOrder(ReadOnlySpan<double> scores)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        // Array.Sort is unstable; restore index order inside runs of equal scores.
        var start = 0;
        for (var i = 1; i <= keys.Length; i++)
        {
            if (i == keys.Length || keys[i] != keys[start])
            {
                if (i - start > 1)
                    Array.Sort(order, start, i - start);
                start = i;
            }
        }
        return order;
    }
}
