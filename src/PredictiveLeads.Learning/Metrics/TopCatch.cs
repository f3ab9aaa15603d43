namespace PredictiveLeads.Learning.Metrics;

/// <summary>
/// How many positives sales catches by working a method's k highest-scored leads, for every k: the one top-k count
/// behind capture at a capacity, gains, deciles, the workload comparison and the dashboard's capacity control.
/// Leads with equal scores cannot be told apart by the method, so a tie straddling the cut counts with its average
/// rate; otherwise a method full of ties (points, isotonic calibration) would look better or worse than it is
/// depending on the order the rows happened to arrive in.
/// </summary>
public static class TopCatch
{
    /// <summary>Expected positives among the k highest-scored rows, at index k = 0 … n.</summary>
    public static double[] Curve(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        if (scores.Length != labels.Length)
            throw new ArgumentException($"{scores.Length} scores for {labels.Length} labels", nameof(labels));
        var ascending = RankingMetrics.SortedOrder(scores);
        var n = ascending.Length;
        var curve = new double[n + 1];
        var taken = 0;
        var end = n;
        while (end > 0)
        {
            var start = end - 1;
            while (start > 0 && scores[ascending[start - 1]] == scores[ascending[end - 1]])
                start--;
            var size = end - start;
            var positives = 0;
            for (var i = start; i < end; i++)
                positives += labels[ascending[i]] > 0.5 ? 1 : 0;
            var before = curve[taken];
            // positives · j / size: exact at j = size, so a whole tie group adds exactly its positives.
            for (var j = 1; j <= size; j++)
                curve[taken + j] = before + (double)positives * j / size;
            taken += size;
            end = start;
        }
        return curve;
    }

    /// <summary>The fewest leads, taking the highest scores first, whose expected catch reaches <paramref name="positives"/>; the curve's length − 1 if it never does.</summary>
    public static int LeadsToCatch(ReadOnlySpan<double> curve, double positives)
    {
        const double Tolerance = 1e-9;
        for (var k = 0; k < curve.Length; k++)
        {
            if (curve[k] >= positives - Tolerance)
                return k;
        }
        return curve.Length - 1;
    }
}
