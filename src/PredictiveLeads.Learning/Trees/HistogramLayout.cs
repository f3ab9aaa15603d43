using PredictiveLeads.Learning.Binning;

namespace PredictiveLeads.Learning.Trees;

/// <summary>
/// Where each feature's bins sit in a leaf histogram.
/// A histogram is one flat <c>double[]</c> per leaf: feature f owns bins [Offsets[f], Offsets[f] + BinCounts[f]),
/// and bin b of feature f keeps its gradient sum at <c>2 * (Offsets[f] + b)</c> with its hessian sum right after it.
/// Row counts are kept in a parallel <c>int[]</c> at <c>Offsets[f] + b</c>.
/// Features are padded apart so that their bins never sit a multiple of 4 KiB from each other: a 256-bin
/// feature takes exactly 4 KiB, and stores to equal offsets in different pages stall the loads of later
/// updates (4K aliasing), which made histogram building several times slower on skewed lead data.
/// The padding is also a whole cache line of counts, so threads building neighbouring features never share one.
/// </summary>
public sealed class HistogramLayout
{
    private const int PaddingBins = 16;

    public HistogramLayout(IReadOnlyList<FeatureBinning> binnings)
    {
        Offsets = new int[binnings.Count];
        BinCounts = new int[binnings.Count];
        var total = 0;
        for (var f = 0; f < binnings.Count; f++)
        {
            Offsets[f] = total;
            BinCounts[f] = binnings[f].BinCount;
            total += binnings[f].BinCount + PaddingBins;
        }
        TotalBins = total;
    }

    public int[] Offsets { get; }

    public int[] BinCounts { get; }

    public int TotalBins { get; }
}

/// <summary>Gradient and hessian sums and row counts per bin of every feature for one leaf (layout in <see cref="HistogramLayout"/>).</summary>
public sealed class Histogram(HistogramLayout layout)
{
    public HistogramLayout Layout { get; } = layout;

    public double[] GradHess { get; } = new double[2 * layout.TotalBins];

    public int[] Counts { get; } = new int[layout.TotalBins];

    /// <summary>Sets this histogram to <paramref name="parent"/> minus <paramref name="child"/>, feature by feature.</summary>
    public void SetDifference(Histogram parent, Histogram child, ReadOnlySpan<int> features)
    {
        foreach (var f in features)
        {
            var start = Layout.Offsets[f];
            var length = Layout.BinCounts[f];
            var target = GradHess.AsSpan(2 * start, 2 * length);
            var from = parent.GradHess.AsSpan(2 * start, 2 * length);
            var minus = child.GradHess.AsSpan(2 * start, 2 * length);
            for (var i = 0; i < target.Length; i++)
                target[i] = from[i] - minus[i];
            var counts = Counts.AsSpan(start, length);
            var fromCounts = parent.Counts.AsSpan(start, length);
            var minusCounts = child.Counts.AsSpan(start, length);
            for (var i = 0; i < counts.Length; i++)
                counts[i] = fromCounts[i] - minusCounts[i];
        }
    }
}
