namespace PredictiveLeads.Learning.Preprocessing;

/// <summary>Model features by column: <c>Columns[feature][row]</c>, NaN for missing, category codes as whole numbers.</summary>
public sealed class FeatureMatrix(IReadOnlyList<FeatureInfo> features, double[][] columns, int rowCount)
{
    public IReadOnlyList<FeatureInfo> Features { get; } = features;

    public double[][] Columns { get; } = columns;

    public int RowCount { get; } = rowCount;

    public int FeatureCount => Columns.Length;

    /// <summary>Copies one row's features into <paramref name="row"/>.</summary>
    public void CopyRow(int index, Span<double> row)
    {
        for (var f = 0; f < Columns.Length; f++)
            row[f] = Columns[f][index];
    }

    /// <summary>A new matrix holding the given rows, in the given order.</summary>
    public FeatureMatrix Select(ReadOnlySpan<int> rows)
    {
        var columns = new double[Columns.Length][];
        for (var f = 0; f < Columns.Length; f++)
        {
            var source = Columns[f];
            var target = new double[rows.Length];
            for (var i = 0; i < rows.Length; i++)
                target[i] = source[rows[i]];
            columns[f] = target;
        }
        return new FeatureMatrix(Features, columns, rows.Length);
    }
}
