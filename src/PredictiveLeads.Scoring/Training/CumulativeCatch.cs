namespace PredictiveLeads.Scoring.Training;

/// <summary>
/// How many positives a method catches if sales works its top k leads, for every k: the curve behind a
/// capacity control. Leads with equal scores cannot be told apart by the method, so a tie straddling the
/// cut counts with its average rate; otherwise a points system full of ties would look better or worse
/// than it is depending on the order rows happened to arrive in.
/// </summary>
public static class CumulativeCatch
{
    /// <summary>
    /// Expected positives caught in the top k, at k = 0, step, 2·step, … and finally n; step is chosen so at most
    /// <paramref name="maxPoints"/> values come back. Read between two points by straight-line interpolation.
    /// </summary>
    public static (double[] Caught, int Step) Compute(IReadOnlyList<double> scores, IReadOnlyList<int> labels, int maxPoints = 5000)
    {
        var n = scores.Count;
        var order = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        var full = new double[n + 1];
        var start = 0;
        while (start < n)
        {
            var end = start;
            var positives = 0;
            while (end < n && scores[order[end]] == scores[order[start]])
                positives += labels[order[end++]];
            var rate = (double)positives / (end - start);
            for (var k = start; k < end; k++)
                full[k + 1] = full[start] + rate * (k + 1 - start);
            start = end;
        }
        var step = Math.Max(1, (n + maxPoints - 2) / Math.Max(1, maxPoints - 1));
        var points = new List<double>(n / step + 2);
        for (var k = 0; k < n; k += step)
            points.Add(Math.Round(full[k], 3));
        points.Add(Math.Round(full[n], 3));
        return ([.. points], step);
    }
}
