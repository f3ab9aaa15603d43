namespace PredictiveLeads.Learning.Metrics;

/// <summary>Points of the ROC curve and the cumulative gains curve, thinned for charts.</summary>
public static class Curves
{
    /// <summary>(false positive rate, true positive rate) at every distinct score, thinned to about <paramref name="maxPoints"/>.</summary>
    public static IReadOnlyList<CurvePoint> Roc(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels, int maxPoints = 101)
    {
        var order = RankingMetrics.SortedOrder(scores);
        long positives = 0;
        foreach (var label in labels)
            positives += label > 0.5 ? 1 : 0;
        var negatives = labels.Length - positives;
        var points = new List<CurvePoint> { new(0, 0) };
        long truePositives = 0, falsePositives = 0;
        for (var i = order.Length - 1; i >= 0; i--)
        {
            if (labels[order[i]] > 0.5)
                truePositives++;
            else
                falsePositives++;
            if (i == 0 || scores[order[i - 1]] != scores[order[i]])
                points.Add(new CurvePoint((double)falsePositives / Math.Max(1, negatives), (double)truePositives / Math.Max(1, positives)));
        }
        return Thin(points, maxPoints);
    }

    /// <summary>(share of leads worked, share of positives found) taking the highest scores first, ties shared by their average rate.</summary>
    public static IReadOnlyList<CurvePoint> Gains(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels, int steps = 50)
    {
        var caught = TopCatch.Curve(scores, labels);
        var n = labels.Length;
        var positives = Math.Max(1, caught[^1]);
        var points = new List<CurvePoint> { new(0, 0) };
        var next = 1;
        for (var taken = 1; taken <= n; taken++)
        {
            if (taken * steps >= next * (long)n)
            {
                points.Add(new CurvePoint((double)taken / n, caught[taken] / positives));
                next++;
            }
        }
        return points;
    }

    private static List<CurvePoint> Thin(List<CurvePoint> points, int maxPoints)
    {
        if (points.Count <= maxPoints)
            return points;
        var thinned = new List<CurvePoint>(maxPoints);
        for (var i = 0; i < maxPoints; i++)
            thinned.Add(points[(int)((long)i * (points.Count - 1) / (maxPoints - 1))]);
        return thinned;
    }
}

/// <summary>One point of a curve.</summary>
public sealed record CurvePoint(double X, double Y);
