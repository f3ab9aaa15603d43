using PredictiveLeads.Learning.Binning;

namespace PredictiveLeads.Learning.Trees;

/// <summary>
/// Accumulates a leaf's gradients and hessians into per-feature bins. Features are built in parallel, each
/// by one thread in row order, so the sums do not depend on the thread count.
/// </summary>
public sealed class HistogramBuilder(BinnedDataset data, int threads)
{
    private readonly ParallelOptions _parallel = new() { MaxDegreeOfParallelism = threads };

    /// <summary>
    /// Builds the histogram of the rows in <paramref name="rows"/>, whose gradient/hessian pairs are given in the
    /// same order in <paramref name="orderedGradHess"/>. When <paramref name="allRows"/> is set, rows are 0..n-1.
    /// </summary>
    public void Build(Histogram histogram, int[] rows, int start, int count, double[] orderedGradHess, bool allRows, int[] features)
    {
        Parallel.For(0, features.Length, _parallel, i =>
        {
            var f = features[i];
            var offset = histogram.Layout.Offsets[f];
            var length = histogram.Layout.BinCounts[f];
            var sums = histogram.GradHess.AsSpan(2 * offset, 2 * length);
            var counts = histogram.Counts.AsSpan(offset, length);
            sums.Clear();
            counts.Clear();
            var bins = data.Bins[f];
            if (allRows)
                AccumulateAll(bins.AsSpan(0, count), orderedGradHess, sums, counts);
            else
                AccumulateGathered(bins, rows.AsSpan(start, count), orderedGradHess, sums, counts);
        });
    }

    private static void AccumulateAll(ReadOnlySpan<byte> bins, ReadOnlySpan<double> gradHess, Span<double> sums, Span<int> counts)
    {
        for (var i = 0; i < bins.Length; i++)
        {
            var bin = bins[i];
            sums[2 * bin] += gradHess[2 * i];
            sums[2 * bin + 1] += gradHess[2 * i + 1];
            counts[bin]++;
        }
    }

    private static void AccumulateGathered(byte[] bins, ReadOnlySpan<int> rows, ReadOnlySpan<double> gradHess, Span<double> sums, Span<int> counts)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            var bin = bins[rows[i]];
            sums[2 * bin] += gradHess[2 * i];
            sums[2 * bin + 1] += gradHess[2 * i + 1];
            counts[bin]++;
        }
    }
}
