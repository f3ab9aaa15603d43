using System.Globalization;
using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Scoring.Training;

/// <summary>A column kept out of every model, and why: named so by the schema or flags, or found by its values (<paramref name="ByValues"/>).</summary>
public sealed record ExcludedColumn(string Column, string Reason, bool ByValues = false)
{
    /// <summary>Found to be an identifier (a different value on every row), rather than a column with (almost) one value.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Identifier { get; init; }
}

/// <summary>
/// Finds columns no schema needs to name to keep them out of a model: identifiers (a different value on every row,
/// which a model can only memorise) and columns with (almost) one value, which give a model nothing to learn from.
/// Booleans and dates are never identifiers: a creation time is unique on every row and still a feature.
/// </summary>
public static class ColumnScreen
{
    /// <summary>Fewer rows than this, and distinct whole numbers are too common by chance to mark an identifier.</summary>
    public const int MinimumRows = 200;

    /// <summary>A column whose other values cover fewer rows than this is near-constant: too few to learn a split from.</summary>
    public const int NearConstantRows = 30;

    /// <summary>The columns of <paramref name="columns"/> to keep out, in their order, looked at up to <paramref name="threads"/> at a time.</summary>
    public static IReadOnlyList<ExcludedColumn> Screen(DataTable table, IEnumerable<string> columns, int threads = 1)
    {
        var names = columns.ToArray();
        var reasons = new (string Text, bool Identifier)?[names.Length];
        Parallel.For(0, names.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
            reasons[i] = table.Find(names[i]) is { } column ? Reason(column) : null);
        return [.. names.Select((name, i) => reasons[i] is { } reason ? new ExcludedColumn(name, reason.Text, ByValues: true) { Identifier = reason.Identifier } : null).OfType<ExcludedColumn>()];
    }

    private static (string Text, bool Identifier)? Reason(DataColumn column) => column switch
    {
        CategoricalColumn categorical => CategoricalReason(categorical),
        NumericColumn numeric => NumericReason(numeric),
        _ => null,
    };

    private static (string, bool)? CategoricalReason(CategoricalColumn column)
    {
        var counts = new int[column.Levels.Count];
        var missing = 0;
        foreach (var code in column.Codes)
        {
            if (code == CategoricalColumn.MissingCode)
                missing++;
            else
                counts[code]++;
        }
        var present = column.Length - missing;
        if (missing == 0 && column.Length >= MinimumRows && counts.Length == present)
            return ("identifier: a different text on every row", true);
        var top = counts.Length == 0 ? -1 : Array.IndexOf(counts, counts.Max());
        return OneValueReason(column.Length, missing, top < 0 ? 0 : counts[top], top < 0 ? "" : column.Levels[top]) is { } few ? (few, false) : null;
    }

    private static (string, bool)? NumericReason(NumericColumn column)
    {
        // Distinct values and the most common one from the sorted values: a dictionary of a million numbers took seconds.
        var sorted = column.Values.Where(v => !double.IsNaN(v)).ToArray();
        var missing = column.Length - sorted.Length;
        Array.Sort(sorted);
        var integers = true;
        var distinct = 0;
        var (topValue, topCount, tied) = (0.0, 0, false);
        for (var start = 0; start < sorted.Length;)
        {
            var end = start + 1;
            while (end < sorted.Length && sorted[end] == sorted[start])
                end++;
            integers &= sorted[start] == Math.Floor(sorted[start]);
            distinct++;
            if (end - start > topCount)
                (topValue, topCount, tied) = (sorted[start], end - start, false);
            else if (end - start == topCount)
                tied = true;
            start = end;
        }
        if (column.Kind == ColumnKind.Numeric && integers && missing == 0 && column.Length >= MinimumRows && distinct == column.Length
            && LooksLikeASequence(column.Values))
            return ("identifier: a different whole number on every row, in the order of the file or close together like a row number", true);
        if (tied)
            topValue = FirstWithCount(column.Values, sorted, topCount);
        var text = distinct == 0 ? "" : column.Kind == ColumnKind.Numeric ? topValue.ToString("R", CultureInfo.InvariantCulture)
            : column.Kind == ColumnKind.Boolean ? (topValue == 1 ? "yes" : "no") : DayNumber.Format(topValue);
        return OneValueReason(column.Length, missing, topCount, text) is { } few ? (few, false) : null;
    }

    /// <summary>Of the values that occur <paramref name="count"/> times, the one the file has first.</summary>
    private static double FirstWithCount(double[] values, double[] sorted, int count)
    {
        foreach (var value in values)
        {
            if (double.IsNaN(value))
                continue;
            var first = Array.BinarySearch(sorted, value);
            while (first > 0 && sorted[first - 1] == value)
                first--;
            if (first + count <= sorted.Length && sorted[first + count - 1] == value && (first + count == sorted.Length || sorted[first + count] != value))
                return value;
        }
        throw new InvalidOperationException("no value occurs that often");
    }

    /// <summary>Numbered rows: values rising or falling with the file's order, or packed into a range not much wider than the row count.</summary>
    private static bool LooksLikeASequence(double[] values)
    {
        var min = values.Min();
        var max = values.Max();
        if ((max - min + 1) <= 20.0 * values.Length)
            return true;
        // Spearman's rank correlation with the row number, from the ranks of distinct values.
        var order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort(values.ToArray(), order);
        var n = (double)values.Length;
        double sumSquares = 0;
        for (var rank = 0; rank < order.Length; rank++)
        {
            var d = rank - order[rank];
            sumSquares += (double)d * d;
        }
        var rho = 1 - 6 * sumSquares / (n * (n * n - 1));
        return Math.Abs(rho) >= 0.9;
    }

    private static string? OneValueReason(int rows, int missing, int topCount, string topText)
    {
        if (missing == rows)
            return "constant: missing on every row";
        if (missing == 0 && topCount == rows)
            return $"constant: every row is '{topText}'";
        var (common, commonCount) = missing >= topCount ? ("missing", missing) : ($"'{topText}'", topCount);
        var others = rows - commonCount;
        return others < NearConstantRows
            ? $"near-constant: {commonCount:N0} of {rows:N0} rows are {common}; the other {others:N0} {(others == 1 ? "is" : "are")} too few to learn from"
            : null;
    }
}
