using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Learning.Preprocessing;

/// <summary>
/// Computes a pipeline's features for any range of a table's rows, into buffers the caller owns. Column
/// checks and the mapping of the table's categorical levels to model codes are done once, so scoring can
/// walk a large table in small blocks without ever holding all its features.
/// </summary>
public sealed class TableFeatures
{
    private readonly FeaturePipeline _pipeline;
    private readonly DataColumn?[] _sources;
    private readonly double[]?[] _codeMaps;
    private readonly int[] _firstFeature;

    public TableFeatures(FeaturePipeline pipeline, DataTable table, List<string>? notes = null)
    {
        _pipeline = pipeline;
        var columns = pipeline.Columns;
        _sources = new DataColumn?[columns.Count];
        _codeMaps = new double[]?[columns.Count];
        _firstFeature = new int[columns.Count];
        for (int c = 0, feature = 0; c < columns.Count; feature += columns[c].FeatureCount, c++)
        {
            _firstFeature[c] = feature;
            var transform = columns[c];
            var column = table.Find(transform.Column);
            if (column is null)
            {
                notes?.Add($"column '{transform.Column}' is not in {table.Source}; it is treated as missing in every row");
                continue;
            }
            if (column.Kind != transform.Kind && !(IsNumberLike(column.Kind) && IsNumberLike(transform.Kind)))
                throw new DataFormatException($"{table.Source}: column '{transform.Column}' holds {FieldParser.Describe(column.Kind)} values but the model was trained on {FieldParser.Describe(transform.Kind)} values");
            _sources[c] = column;
            if (column is CategoricalColumn categorical)
                _codeMaps[c] = [.. categorical.Levels.Select(level => (double)transform.CodeOf(level))];
        }
        RowCount = table.RowCount;
    }

    public int RowCount { get; }

    public int FeatureCount => _pipeline.Features.Count;

    /// <summary>Writes the features of rows [start, start + count) into <c>columns[feature][0..count)</c>.</summary>
    public void Write(int start, int count, double[][] columns, bool parallel = false)
    {
        if (parallel)
            Parallel.For(0, _sources.Length, c => WriteColumn(c, start, count, columns));
        else
        {
            for (var c = 0; c < _sources.Length; c++)
                WriteColumn(c, start, count, columns);
        }
    }

    /// <summary>Writes the features of the given rows, in order, into <c>columns[feature][0..rows.Length)</c>.</summary>
    public void WriteRows(ReadOnlySpan<int> rows, double[][] columns)
    {
        Span<double> parts = stackalloc double[3];
        for (var c = 0; c < _sources.Length; c++)
        {
            var transform = _pipeline.Columns[c];
            var first = _firstFeature[c];
            switch (_sources[c])
            {
                case null:
                    for (var k = 0; k < transform.FeatureCount; k++)
                        columns[first + k].AsSpan(0, rows.Length).Fill(double.NaN);
                    break;
                case CategoricalColumn categorical:
                    var map = _codeMaps[c]!;
                    var target = columns[first];
                    for (var i = 0; i < rows.Length; i++)
                    {
                        var code = categorical.Codes[rows[i]];
                        target[i] = code < 0 ? double.NaN : map[code];
                    }
                    break;
                case NumericColumn numeric:
                    for (var i = 0; i < rows.Length; i++)
                    {
                        var features = parts[..transform.FeatureCount];
                        transform.WriteNumber(numeric.Values[rows[i]], features);
                        for (var k = 0; k < features.Length; k++)
                            columns[first + k][i] = features[k];
                    }
                    break;
            }
        }
    }

    /// <summary>The features of the given rows as a matrix, in order.</summary>
    public FeatureMatrix Gather(ReadOnlySpan<int> rows)
    {
        var columns = new double[FeatureCount][];
        for (var f = 0; f < columns.Length; f++)
            columns[f] = new double[rows.Length];
        WriteRows(rows, columns);
        return new FeatureMatrix(_pipeline.Features, columns, rows.Length);
    }

    private void WriteColumn(int c, int start, int count, double[][] columns)
    {
        var transform = _pipeline.Columns[c];
        var first = _firstFeature[c];
        switch (_sources[c])
        {
            case null:
                for (var k = 0; k < transform.FeatureCount; k++)
                    columns[first + k].AsSpan(0, count).Fill(double.NaN);
                break;
            case CategoricalColumn categorical:
                var map = _codeMaps[c]!;
                var codes = categorical.Codes.AsSpan(start, count);
                var target = columns[first];
                for (var i = 0; i < codes.Length; i++)
                    target[i] = codes[i] < 0 ? double.NaN : map[codes[i]];
                break;
            case NumericColumn numeric:
                var values = numeric.Values.AsSpan(start, count);
                if (transform.FeatureCount == 1)
                {
                    values.CopyTo(columns[first]);
                    break;
                }
                Span<double> parts = stackalloc double[transform.FeatureCount];
                for (var i = 0; i < values.Length; i++)
                {
                    transform.WriteNumber(values[i], parts);
                    for (var k = 0; k < parts.Length; k++)
                        columns[first + k][i] = parts[k];
                }
                break;
        }
    }

    private static bool IsNumberLike(ColumnKind kind) => kind is ColumnKind.Numeric or ColumnKind.Boolean;
}
