using PredictiveLeads.Learning.Metrics;

namespace PredictiveLeads.Scoring.Training;

/// <summary>The curve behind a capacity control: expected positives caught in the top k leads (<see cref="TopCatch"/>), thinned.</summary>
public static class CumulativeCatch
{
    /// <summary>
    /// Expected positives caught in the top k, at k = 0, step, 2·step, … and finally n; step is chosen so at most
    /// <paramref name="maxPoints"/> values come back. Read between two points by straight-line interpolation.
    /// </summary>
    public static (double[] Caught, int Step) Compute(IReadOnlyList<double> scores, IReadOnlyList<int> labels, int maxPoints = 5000)
    {
        var n = scores.Count;
        var full = TopCatch.Curve([.. scores], [.. labels.Select(l => (double)l)]);
        var step = Math.Max(1, (n + maxPoints - 2) / Math.Max(1, maxPoints - 1));
        var points = new List<double>(n / step + 2);
        for (var k = 0; k < n; k += step)
            points.Add(Math.Round(full[k], 3));
        points.Add(Math.Round(full[n], 3));
        return ([.. points], step);
    }
}
