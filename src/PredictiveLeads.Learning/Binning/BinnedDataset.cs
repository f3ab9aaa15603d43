using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.Binning;

/// <summary>
/// Features as bins: one <c>byte[]</c> of bin indices per feature (column-major), so training never
/// touches the raw doubles again.
/// </summary>
public sealed class BinnedDataset
{
    public BinnedDataset(IReadOnlyList<FeatureBinning> binnings, byte[][] bins, int rowCount)
    {
        Binnings = binnings;
        Bins = bins;
        RowCount = rowCount;
    }

    public IReadOnlyList<FeatureBinning> Binnings { get; }

    /// <summary><c>Bins[feature][row]</c>.</summary>
    public byte[][] Bins { get; }

    public int RowCount { get; }

    public int FeatureCount => Bins.Length;

    /// <summary>Learns bin edges from <paramref name="matrix"/> (from at most <paramref name="sampleRows"/> rows) and bins every row.</summary>
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
        var bins = new byte[matrix.FeatureCount][];
        Parallel.For(0, matrix.FeatureCount, new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
        {
            var binning = binnings[f];
            var values = matrix.Columns[f];
            var target = new byte[values.Length];
            for (var row = 0; row < values.Length; row++)
                target[row] = (byte)binning.BinOf(values[row]);
            bins[f] = target;
        });
        return new BinnedDataset(binnings, bins, matrix.RowCount);
    }

    /// <summary>A new dataset holding the given rows, in the given order, binned the same way.</summary>
    public BinnedDataset SelectRows(ReadOnlySpan<int> rows)
    {
        var bins = new byte[FeatureCount][];
        for (var f = 0; f < FeatureCount; f++)
        {
            var source = Bins[f];
            var target = new byte[rows.Length];
            for (var i = 0; i < rows.Length; i++)
                target[i] = source[rows[i]];
            bins[f] = target;
        }
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
