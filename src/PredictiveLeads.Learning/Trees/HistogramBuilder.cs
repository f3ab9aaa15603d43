using System.Runtime.Intrinsics;
using PredictiveLeads.Learning.Binning;

namespace PredictiveLeads.Learning.Trees;

/// <summary>
/// Accumulates a leaf's gradients and hessians into per-feature bins in one pass over its rows.
/// Large leaves are cut into a fixed number of row blocks, each summed into its own partial histogram
/// on any free thread, and the partials are then added in block order. The number of blocks depends
/// only on the leaf's size, never on the thread count, so the sums — and the model — do not either.
/// </summary>
public sealed class HistogramBuilder
{
    /// <summary>Rows per block below which a leaf is not cut further; splitting the work would cost more than it saves.</summary>
    private const int MinBlockRows = 8192;

    /// <summary>Most blocks per leaf: enough for a few threads, few enough that adding the partials stays cheap.</summary>
    private const int MaxBlocks = 4;

    private readonly BinnedDataset _data;
    private readonly ParallelOptions _parallel;
    private readonly Histogram[] _partials;

    public HistogramBuilder(BinnedDataset data, HistogramLayout layout, int threads)
    {
        _data = data;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        _partials = new Histogram[MaxBlocks];
        for (var b = 0; b < MaxBlocks; b++)
            _partials[b] = new Histogram(layout);
    }

    /// <summary>
    /// Builds the histogram of rows <c>rows[start..start+count)</c>, or of rows 0..count-1 when <paramref name="allRows"/>
    /// is set, for the given <paramref name="features"/>. <paramref name="gradHess"/> holds each row's gradient and hessian side by side.
    /// </summary>
    public void Build(Histogram histogram, int[] rows, int start, int count, double[] gradHess, bool allRows, int[] features)
    {
        var blocks = Math.Clamp(count / MinBlockRows, 1, MaxBlocks);
        if (blocks == 1)
        {
            Accumulate(histogram, rows, start, count, gradHess, allRows, features);
            return;
        }
        Parallel.For(0, blocks, _parallel, b =>
        {
            var from = (int)((long)count * b / blocks);
            var to = (int)((long)count * (b + 1) / blocks);
            Accumulate(_partials[b], rows, start + from, to - from, gradHess, allRows, features);
        });
        AddPartials(histogram, blocks, features);
    }

    private void AddPartials(Histogram target, int blocks, int[] features)
    {
        var layout = target.Layout;
        foreach (var f in features)
        {
            var offset = layout.Offsets[f];
            var length = layout.BinCounts[f];
            var sums = target.GradHess.AsSpan(2 * offset, 2 * length);
            var counts = target.Counts.AsSpan(offset, length);
            _partials[0].GradHess.AsSpan(2 * offset, 2 * length).CopyTo(sums);
            _partials[0].Counts.AsSpan(offset, length).CopyTo(counts);
            for (var b = 1; b < blocks; b++)
            {
                var partialSums = _partials[b].GradHess.AsSpan(2 * offset, 2 * length);
                var partialCounts = _partials[b].Counts.AsSpan(offset, length);
                for (var i = 0; i < sums.Length; i++)
                    sums[i] += partialSums[i];
                for (var i = 0; i < counts.Length; i++)
                    counts[i] += partialCounts[i];
            }
        }
    }

    private unsafe void Accumulate(Histogram histogram, int[] rows, int start, int count, double[] gradHess, bool allRows, int[] features)
    {
        var layout = histogram.Layout;
        foreach (var f in features)
        {
            histogram.GradHess.AsSpan(2 * layout.Offsets[f], 2 * layout.BinCounts[f]).Clear();
            histogram.Counts.AsSpan(layout.Offsets[f], layout.BinCounts[f]).Clear();
        }
        var width = _data.FeatureCount;
        var used = features.Length;
        Span<int> offsets = stackalloc int[used];
        for (var k = 0; k < used; k++)
            offsets[k] = layout.Offsets[features[k]];
        fixed (byte* bins = _data.Bins)
        fixed (double* gh = gradHess, sums = histogram.GradHess)
        fixed (int* counts = histogram.Counts, rowIndex = rows, offset = offsets, column = features)
        {
            // A bin's gradient and hessian sums are updated as one 16-byte vector: half the loads and stores.
            var pairs = (Vector128<double>*)sums;
            for (var i = 0; i < count; i++)
            {
                var row = allRows ? start + i : rowIndex[start + i];
                var pair = Vector128.Load(gh + 2 * row);
                var rowBins = bins + (long)row * width;
                for (var k = 0; k < used; k++)
                {
                    var bin = offset[k] + rowBins[column[k]];
                    pairs[bin] += pair;
                    counts[bin]++;
                }
            }
        }
    }
}
