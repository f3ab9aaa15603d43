using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.Binning;

/// <summary>
/// Features as bins, one byte per row and feature, so training never touches the raw doubles again.
/// Kept twice, because the two hot loops read them differently: one <c>byte[]</c> per feature
/// (<see cref="Columns"/>) for partitioning a leaf's sorted rows on one feature, and row-major
/// (<see cref="Bins"/>) for histograms, which read every feature of a row from one cache line
/// (about 1.5× faster than column by column once a leaf's rows are scattered).
/// </summary>
public sealed class BinnedDataset
{
    public BinnedDataset(IReadOnlyList<FeatureBinning> binnings, byte[] bins, int rowCount)
    {
        if (bins.Length != (long)rowCount * binnings.Count)
            throw new ArgumentException("one bin per row and feature is needed", nameof(bins));
        Binnings = binnings;
        Bins = bins;
        RowCount = rowCount;
        FeatureCount = binnings.Count;
        Columns = new byte[FeatureCount][];
        for (var f = 0; f < FeatureCount; f++)
        {
            var column = Columns[f] = new byte[rowCount];
            for (var row = 0; row < rowCount; row++)
                column[row] = bins[row * FeatureCount + f];
        }
    }

    /// <summary>One array per feature: <c>Columns[feature][row]</c>.</summary>
    public byte[][] Columns { get; }

    public IReadOnlyList<FeatureBinning> Binnings { get; }

    /// <summary>Row-major bins: <c>Bins[row * FeatureCount + feature]</c>.</summary>
    public byte[] Bins { get; }

    public int RowCount { get; }

    public int FeatureCount { get; }

    public int Bin(int row, int feature) => Columns[feature][row];

    /// <summary>Learns bin edges from <paramref name="matrix"/> (from at most <paramref name="sampleRows"/> of <paramref name="fromRows"/>, or of all rows) and bins every row.</summary>
    public static BinnedDataset Fit(FeatureMatrix matrix, int maxBins, int sampleRows, int threads, int[]? fromRows = null)
    {
        var binnings = new FeatureBinning[matrix.FeatureCount];
        Parallel.For(0, matrix.FeatureCount, new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
        {
            var feature = matrix.Features[f];
            binnings[f] = feature.Kind == FeatureKind.Categorical
                ? FeatureBinning.ForCategorical(feature.CodeCount)
                : FeatureBinning.ForNumeric(Sample(matrix.Columns[f], fromRows, sampleRows), maxBins);
        });
        return Apply(binnings, matrix, threads);
    }

    /// <summary>Bins <paramref name="matrix"/> with edges learned before (validation or test rows).</summary>
    public static BinnedDataset Apply(IReadOnlyList<FeatureBinning> binnings, FeatureMatrix matrix, int threads)
    {
        var width = matrix.FeatureCount;
        var bins = new byte[(long)matrix.RowCount * width];
        Parallel.For(0, width, new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
        {
            var binning = binnings[f];
            var values = matrix.Columns[f];
            for (var row = 0; row < values.Length; row++)
                bins[row * width + f] = (byte)binning.BinOf(values[row]);
        });
        return new BinnedDataset(binnings, bins, matrix.RowCount);
    }

    /// <summary>A new dataset holding the given rows, in the given order, binned the same way.</summary>
    public BinnedDataset SelectRows(ReadOnlySpan<int> rows)
    {
        var width = FeatureCount;
        var bins = new byte[(long)rows.Length * width];
        for (var i = 0; i < rows.Length; i++)
            Bins.AsSpan(rows[i] * width, width).CopyTo(bins.AsSpan(i * width, width));
        return new BinnedDataset(Binnings, bins, rows.Length);
    }

    /// <summary>
    /// Every k-th of the allowed rows (all rows when <paramref name="rows"/> is null), so that bin edges come from
    /// at most <paramref name="size"/> rows spread over the data.
    /// </summary>
    private static ReadOnlySpan<double> Sample(double[] values, int[]? rows, int size)
    {
        var available = rows?.Length ?? values.Length;
        if (rows is null && available <= size)
            return values;
        var take = Math.Min(size, available);
        var sample = new double[take];
        var step = (double)available / take;
        for (var i = 0; i < take; i++)
        {
            var index = (int)(i * step);
            sample[i] = values[rows is null ? index : rows[index]];
        }
        return sample;
    }
}
