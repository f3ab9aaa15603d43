using System.Globalization;
using System.Runtime.InteropServices;
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
        var counts = ValueCounts.Few(column.Values) ?? ValueCounts.BySorting(column.Values);
        if (column.Kind == ColumnKind.Numeric && counts.Integers && counts.Missing == 0 && column.Length >= MinimumRows && counts.Distinct == column.Length
            && LooksLikeASequence(column.Values))
            return ("identifier: a different whole number on every row, in the order of the file or close together like a row number", true);
        var text = counts.Distinct == 0 ? "" : column.Kind == ColumnKind.Numeric ? counts.Top.ToString("R", CultureInfo.InvariantCulture)
            : column.Kind == ColumnKind.Boolean ? (counts.Top == 1 ? "yes" : "no") : DayNumber.Format(counts.Top);
        return OneValueReason(column.Length, counts.Missing, counts.TopCount, text) is { } few ? (few, false) : null;
    }

    /// <summary>A number column's distinct values, missing values, whether all are whole, and its most common value (the first in the file on a tie).</summary>
    private sealed record ValueCounts(int Distinct, int Missing, bool Integers, double Top, int TopCount)
    {
        /// <summary>Counted in a dictionary while there are few distinct values (most columns); null past that.</summary>
        public static ValueCounts? Few(double[] values)
        {
            const int mostDistinct = 1024;
            var counts = new Dictionary<double, int>();
            var (missing, integers) = (0, true);
            foreach (var value in values)
            {
                if (double.IsNaN(value))
                {
                    missing++;
                    continue;
                }
                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, value, out var added);
                count++;
                if (added)
                {
                    integers &= value == Math.Floor(value);
                    if (counts.Count > mostDistinct)
                        return null;
                }
            }
            // Enumerated in insertion order: the first maximum is the value the file has first.
            var (top, topCount) = (0.0, 0);
            foreach (var (value, count) in counts)
            {
                if (count > topCount)
                    (top, topCount) = (value, count);
            }
            return new ValueCounts(counts.Count, missing, integers, top, topCount);
        }

        /// <summary>
        /// Counted from a sorted copy (a dictionary of a million distinct numbers took about a second). Used past
        /// <see cref="Few"/>'s limit, where no value can make the column near-constant, so which of tied values is the top does not matter.
        /// </summary>
        public static ValueCounts BySorting(double[] values)
        {
            var sorted = values.Where(v => !double.IsNaN(v)).ToArray();
            Array.Sort(sorted);
            var (integers, distinct, top, topCount) = (true, 0, 0.0, 0);
            for (var start = 0; start < sorted.Length;)
            {
                var end = start + 1;
                while (end < sorted.Length && sorted[end] == sorted[start])
                    end++;
                integers &= sorted[start] == Math.Floor(sorted[start]);
                distinct++;
                if (end - start > topCount)
                    (top, topCount) = (sorted[start], end - start);
                start = end;
            }
            return new ValueCounts(distinct, values.Length - sorted.Length, integers, top, topCount);
        }
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
