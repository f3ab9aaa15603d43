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
        var counts = new long[referenceEdges.Count + 1];
        foreach (var score in scores)
            counts[Bin(referenceEdges, score)]++;
        return PopulationStabilityIndex(counts);
    }

    /// <summary>The same from the number of scores in each bin (bin i holds scores above edge i − 1 and up to edge i).</summary>
    public static double PopulationStabilityIndex(IReadOnlyList<long> binCounts)
    {
        var total = binCounts.Sum();
        if (total == 0 || binCounts.Count < 2)
            return double.NaN;
        var expected = 1.0 / binCounts.Count;
        double psi = 0;
        foreach (var count in binCounts)
        {
            var actual = Math.Max(count, 0.5) / total;
            psi += (actual - expected) * Math.Log(actual / expected);
        }
        return psi;
    }

    /// <summary>
    /// The index against bins of unequal reference shares (a field's deciles with ties, its categories): Σ (a − e)·ln(a / e)
    /// over the bins either side has, an empty live bin counted as half a value and a reference share as at least 1/10,000.
    /// </summary>
    public static double PopulationStabilityIndex(IReadOnlyList<double> referenceShares, IReadOnlyList<long> binCounts)
    {
        if (referenceShares.Count != binCounts.Count)
            throw new ArgumentException($"{binCounts.Count} bins counted against {referenceShares.Count} reference shares", nameof(binCounts));
        var total = binCounts.Sum();
        if (total == 0)
            return double.NaN;
        double psi = 0;
        for (var i = 0; i < binCounts.Count; i++)
        {
            if (binCounts[i] == 0 && referenceShares[i] == 0)
                continue;
            var actual = Math.Max(binCounts[i], 0.5) / total;
            var expected = Math.Max(referenceShares[i], 1e-4);
            psi += (actual - expected) * Math.Log(actual / expected);
        }
        return psi;
    }

    /// <summary>The bin of <paramref name="score"/>: how many edges lie below it.</summary>
    public static int Bin(IReadOnlyList<double> edges, double score)
    {
        var bin = 0;
        while (bin < edges.Count && score > edges[bin])
            bin++;
        return bin;
    }
}
