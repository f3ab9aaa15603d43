namespace PredictiveLeads.Learning.Binning;

/// <summary>
/// Quantile bins of one numeric column (the leakage scan reads a number as the bin it falls in): a value goes to the
/// first bin whose upper bound it does not exceed; missing values have the last bin, <see cref="MissingBin"/>.
/// </summary>
public sealed class FeatureBinning
{
    /// <summary>At most this many bins hold values; one more holds missing values, so a bin fits in a byte.</summary>
    public const int MaxValueBins = 255;

    private FeatureBinning(double[] upperBounds)
    {
        UpperBounds = upperBounds;
        ValueBinCount = upperBounds.Length;
    }

    /// <summary>The largest value of each bin (the last is +∞).</summary>
    public double[] UpperBounds { get; }

    /// <summary>Bins that hold values.</summary>
    public int ValueBinCount { get; }

    /// <summary>The bin of missing values.</summary>
    public int MissingBin => ValueBinCount;

    /// <summary>All bins, the missing bin included.</summary>
    public int BinCount => ValueBinCount + 1;

    /// <summary>
    /// Bins at quantiles of <paramref name="sample"/> (NaN ignored): each distinct value gets its own bin when there
    /// are few enough; otherwise bins hold about equal numbers of rows, and a very frequent value is never split.
    /// Bounds lie halfway between neighbouring distinct values.
    /// </summary>
    public static FeatureBinning ForNumeric(ReadOnlySpan<double> sample, int maxBins = MaxValueBins)
    {
        if (maxBins is < 2 or > MaxValueBins)
            throw new ArgumentOutOfRangeException(nameof(maxBins), maxBins, $"must be between 2 and {MaxValueBins}");
        var values = new double[sample.Length];
        var count = 0;
        foreach (var value in sample)
        {
            if (!double.IsNaN(value))
                values[count++] = value;
        }
        var sorted = values.AsSpan(0, count);
        sorted.Sort();
        var (distinct, counts) = Distinct(sorted);
        if (distinct.Count == 0)
            return new FeatureBinning([double.PositiveInfinity]);

        var bounds = new List<double>();
        if (distinct.Count <= maxBins)
        {
            for (var i = 0; i < distinct.Count - 1; i++)
                bounds.Add(Midpoint(distinct[i], distinct[i + 1]));
        }
        else
        {
            GreedyBounds(distinct, counts, count, maxBins, bounds);
        }
        bounds.Add(double.PositiveInfinity);
        return new FeatureBinning([.. bounds]);
    }

    /// <summary>The bin of a value; NaN is missing.</summary>
    public int BinOf(double value)
    {
        if (double.IsNaN(value))
            return MissingBin;
        // First bound >= value; the last bound is +inf so one always exists.
        int low = 0, high = UpperBounds.Length - 1;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (value <= UpperBounds[middle])
                high = middle;
            else
                low = middle + 1;
        }
        return low;
    }

    private static (List<double> Values, List<int> Counts) Distinct(ReadOnlySpan<double> sorted)
    {
        var values = new List<double>();
        var counts = new List<int>();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (values.Count > 0 && sorted[i] == values[^1])
            {
                counts[^1]++;
            }
            else
            {
                values.Add(sorted[i]);
                counts.Add(1);
            }
        }
        return (values, counts);
    }

    private static void GreedyBounds(List<double> distinct, List<int> counts, int total, int maxBins, List<double> bounds)
    {
        var remaining = total;
        var binsLeft = maxBins;
        var inBin = 0;
        for (var i = 0; i < distinct.Count - 1 && binsLeft > 1; i++)
        {
            inBin += counts[i];
            remaining -= counts[i];
            var target = (double)(inBin + remaining) / binsLeft;
            // Close the bin once it holds its share, or early when the next value alone would overflow it.
            if (inBin >= target || inBin + counts[i + 1] > 1.5 * target && inBin >= 0.5 * target)
            {
                bounds.Add(Midpoint(distinct[i], distinct[i + 1]));
                binsLeft--;
                inBin = 0;
            }
        }
    }

    private static double Midpoint(double low, double high)
    {
        var middle = low + (high - low) / 2;
        return middle < high ? middle : low;
    }
}
