namespace PredictiveLeads.Learning.Metrics;

/// <summary>How far a distribution of scores has moved from a reference.</summary>
public static class Drift
{
    /// <summary>
    /// Population stability index of <paramref name="scores"/> against a reference cut into equal shares by
    /// <paramref name="referenceEdges"/> (e.g. its nine decile edges): Σ (a − e)·ln(a / e) over the bins, with
    /// empty bins counted as half a score. Below 0.1 is usually read as stable, above 0.25 as a real shift.
    /// </summary>
    public static double PopulationStabilityIndex(IReadOnlyList<double> referenceEdges, IReadOnlyList<double> scores)
    {
        if (scores.Count == 0 || referenceEdges.Count == 0)
            return double.NaN;
        var bins = referenceEdges.Count + 1;
        var counts = new double[bins];
        foreach (var score in scores)
        {
            var bin = 0;
            while (bin < referenceEdges.Count && score > referenceEdges[bin])
                bin++;
            counts[bin]++;
        }
        var expected = 1.0 / bins;
        double psi = 0;
        foreach (var count in counts)
        {
            var actual = Math.Max(count, 0.5) / scores.Count;
            psi += (actual - expected) * Math.Log(actual / expected);
        }
        return psi;
    }
}
