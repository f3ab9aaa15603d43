using System.Runtime.InteropServices;
using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Learning.Preprocessing;

/// <summary>
/// The fitted preprocessing of a model: which input columns it reads, how each becomes features,
/// and which tokens mean "missing". Turns a table or one raw row into model features.
/// </summary>
public sealed class FeaturePipeline
{
    private readonly ColumnTransform[] _columns;
    private readonly RowFields _inputs;

    public FeaturePipeline(IReadOnlyList<ColumnTransform> columns, IReadOnlyList<string> missingTokens)
    {
        _columns = [.. columns];
        _inputs = new RowFields(columns.Select(c => c.Column));
        Columns = columns;
        MissingTokens = missingTokens;
        Features = [.. columns.SelectMany(c => c.Features())];
    }

    /// <summary>The input columns, in feature order.</summary>
    public IReadOnlyList<ColumnTransform> Columns { get; }

    /// <summary>Tokens read as missing (defaults included).</summary>
    public IReadOnlyList<string> MissingTokens { get; }

    public IReadOnlyList<FeatureInfo> Features { get; }

    /// <summary>The kinds of the input columns, to read a scoring file exactly as the training file was read.</summary>
    public IReadOnlyDictionary<string, ColumnKind> ColumnKinds => Columns.ToDictionary(c => c.Column, c => c.Kind);

    /// <summary>
    /// Fits the pipeline on <paramref name="inputColumns"/> of <paramref name="table"/> using only the rows in
    /// <paramref name="fitRows"/>. Columns that carry no information are left out and reported in <paramref name="notes"/>.
    /// </summary>
    public static FeaturePipeline Fit(DataTable table, IEnumerable<string> inputColumns, ReadOnlySpan<int> fitRows,
        IReadOnlyList<string> missingTokens, PreprocessingOptions options, List<string> notes)
    {
        var transforms = new List<ColumnTransform>();
        foreach (var name in inputColumns)
        {
            var column = table[name];
            var transform = column switch
            {
                CategoricalColumn categorical => FitCategorical(categorical, fitRows, options, notes),
                NumericColumn numeric => FitNumeric(numeric, fitRows, notes),
                _ => null,
            };
            if (transform is not null)
                transforms.Add(transform);
        }
        var tokens = new FieldParser(missingTokens).MissingTokens;
        return new FeaturePipeline(transforms, tokens);
    }

    /// <summary>
    /// Computes the features of every row of <paramref name="table"/>. An input column the table lacks is
    /// treated as missing in every row and reported in <paramref name="notes"/>.
    /// </summary>
    public FeatureMatrix Transform(DataTable table, List<string>? notes = null)
    {
        var features = new TableFeatures(this, table, notes);
        var output = new double[Features.Count][];
        for (var f = 0; f < output.Length; f++)
            output[f] = new double[table.RowCount];
        features.Write(0, table.RowCount, output, parallel: true);
        return new FeatureMatrix(Features, output, table.RowCount);
    }

    /// <summary>
    /// Computes the features of one parsed row (a lead parsed once, a table's row, an account's numbers). Columns the
    /// row lacks are missing. A value of another kind than the column was trained on is a caller's error: rows are
    /// parsed by the model's own column kinds.
    /// </summary>
    public void Transform(IParsedRow row, Span<double> output)
    {
        var values = _inputs.Of(row);
        var feature = 0;
        for (var c = 0; c < _columns.Length; c++)
        {
            var transform = _columns[c];
            var slice = output.Slice(feature, transform.FeatureCount);
            feature += transform.FeatureCount;
            var value = values[c];
            if (value.IsMissing)
                slice.Fill(double.NaN);
            else if (transform.Kind == ColumnKind.Categorical)
                slice[0] = transform.CodeOf(value.Text ?? throw KindMismatch(transform, value));
            else if (value.Text is null)
                transform.WriteNumber(value.Number, slice);
            else
                throw KindMismatch(transform, value);
        }
    }

    private static ArgumentException KindMismatch(ColumnTransform transform, ParsedValue value) =>
        new($"column '{transform.Column}' holds {FieldParser.Describe(value.Kind)} but the model reads {FieldParser.Describe(transform.Kind)}");

    private static ColumnTransform? FitNumeric(NumericColumn column, ReadOnlySpan<int> rows, List<string> notes)
    {
        var values = column.Values;
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        var missing = 0;
        foreach (var row in rows)
        {
            var value = values[row];
            if (double.IsNaN(value))
            {
                missing++;
                continue;
            }
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }
        if (missing == rows.Length)
        {
            notes.Add($"column '{column.Name}' left out: every value is missing");
            return null;
        }
        if (min == max && missing == 0 && column.Kind != ColumnKind.DateTime)
        {
            notes.Add($"column '{column.Name}' left out: it has the same value in every row");
            return null;
        }
        var transform = new ColumnTransform { Column = column.Name, Kind = column.Kind, ReferenceDay = column.Kind == ColumnKind.DateTime ? Math.Floor(min) : 0 };
        return transform with { MissingAs = Medians(transform, values, rows) };
    }

    /// <summary>Per feature of the column, the median of its present values over <paramref name="rows"/> (the lower middle one when even).</summary>
    private static double[] Medians(ColumnTransform transform, double[] values, ReadOnlySpan<int> rows)
    {
        var features = new List<double>[transform.FeatureCount];
        for (var k = 0; k < features.Length; k++)
            features[k] = new List<double>(rows.Length);
        Span<double> parts = stackalloc double[transform.FeatureCount];
        foreach (var row in rows)
        {
            if (double.IsNaN(values[row]))
                continue;
            transform.WriteNumber(values[row], parts);
            for (var k = 0; k < parts.Length; k++)
                features[k].Add(parts[k]);
        }
        return [.. features.Select(present => Selection.KthSmallest(CollectionsMarshal.AsSpan(present), (present.Count - 1) / 2))];
    }

    private static ColumnTransform? FitCategorical(CategoricalColumn column, ReadOnlySpan<int> rows, PreprocessingOptions options, List<string> notes)
    {
        var counts = new int[column.Levels.Count];
        var missing = 0;
        foreach (var row in rows)
        {
            var code = column.Codes[row];
            if (code < 0)
                missing++;
            else
                counts[code]++;
        }
        var seen = counts.Count(c => c > 0);
        // Most frequent first; ties keep the order of first appearance so the fit is deterministic.
        var kept = Enumerable.Range(0, counts.Length)
            .Where(level => counts[level] >= options.MinCategoryCount)
            .OrderByDescending(level => counts[level]).ThenBy(level => level)
            .Take(options.MaxCategoryLevels)
            .Select(level => column.Levels[level])
            .ToList();
        if (kept.Count == 0)
        {
            notes.Add($"column '{column.Name}' left out: none of its {seen} levels occurs {options.MinCategoryCount} times (an identifier?)");
            return null;
        }
        if (kept.Count == 1 && seen == 1 && missing == 0)
        {
            notes.Add($"column '{column.Name}' left out: it has the same value in every row");
            return null;
        }
        if (kept.Count < seen)
            notes.Add($"column '{column.Name}': {seen - kept.Count} of {seen} levels are rare and grouped as (other)");
        return new ColumnTransform { Column = column.Name, Kind = ColumnKind.Categorical, Levels = kept };
    }
}
