using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Scoring.Fields;

/// <summary>
/// How one input field was distributed among the training leads, kept in the bundle so live leads can be compared
/// with it. A number falls in a bin cut by its training deciles (ties merge them); a category is one of its most
/// common training levels, or any other. Missing values are the last bin. <see cref="Shares"/> are the training
/// leads' shares of the bins, in the same order.
/// </summary>
public sealed record FieldDistribution
{
    /// <summary>The categories kept by name; rarer ones share the "any other" bin.</summary>
    public const int MostCommonLevels = 20;

    public required string Field { get; init; }

    /// <summary>A number's decile edges (bin i: above edge i − 1, up to edge i); null for a category.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? Edges { get; init; }

    /// <summary>A category's most common training levels, then the "any other" bin; null for a number.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Levels { get; init; }

    public required IReadOnlyList<double> Shares { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public int Bins => Shares.Count;

    /// <summary>The bin a live value falls in.</summary>
    public int BinOf(ParsedValue value)
    {
        if (value.IsMissing)
            return Bins - 1;
        if (Edges is { } edges)
            return double.IsNaN(value.Number) ? Bins - 1 : Learning.Metrics.Drift.Bin(edges, value.Number);
        var levels = Levels!;
        for (var i = 0; i < levels.Count; i++)
        {
            if (string.Equals(levels[i], value.Text, StringComparison.Ordinal))
                return i;
        }
        return levels.Count;
    }

    /// <summary>What a bin holds, as monitoring names it ("≤ 3", "> 12", "Software", "any other", "missing").</summary>
    public string Describe(int bin)
    {
        if (bin == Bins - 1)
            return "missing";
        if (Edges is { } edges)
            return bin < edges.Count ? $"≤ {edges[bin]:G6}" : $"> {edges[^1]:G6}";
        return bin < Levels!.Count ? Levels[bin] : "any other";
    }

    /// <summary>The distribution of <paramref name="column"/> over <paramref name="rows"/>.</summary>
    public static FieldDistribution Of(DataColumn column, IReadOnlyList<int> rows)
    {
        if (column is CategoricalColumn categories)
        {
            var byLevel = new long[categories.Levels.Count];
            foreach (var row in rows)
            {
                if (categories.Codes[row] != CategoricalColumn.MissingCode)
                    byLevel[categories.Codes[row]]++;
            }
            var kept = Enumerable.Range(0, byLevel.Length).Where(l => byLevel[l] > 0)
                .OrderByDescending(l => byLevel[l]).ThenBy(l => categories.Levels[l], StringComparer.Ordinal).Take(MostCommonLevels).ToList();
            var keptRows = kept.Sum(l => byLevel[l]);
            var missing = rows.Count(r => categories.Codes[r] == CategoricalColumn.MissingCode);
            var counts = kept.Select(l => (double)byLevel[l]).Append(rows.Count - missing - keptRows).Append(missing);
            return new FieldDistribution { Field = column.Name, Levels = [.. kept.Select(l => categories.Levels[l])], Shares = SharesOf(counts, rows.Count) };
        }
        var values = ((NumericColumn)column).Values;
        var present = rows.Select(r => values[r]).Where(v => !double.IsNaN(v)).ToArray();
        // Array.Sort's sort for doubles, not LINQ's Order: about 0.6 s instead of 4.5 s for the kit's fields at 800,000 rows.
        Array.Sort(present);
        var edges = Deciles(present);
        var binned = new double[edges.Count + 2];
        foreach (var value in present)
            binned[Learning.Metrics.Drift.Bin(edges, value)]++;
        binned[^1] = rows.Count - present.Length;
        return new FieldDistribution { Field = column.Name, Edges = edges, Shares = SharesOf(binned, rows.Count) };
    }

    /// <summary>The distinct values at the 10th to 90th percentiles of sorted <paramref name="sorted"/> (the lower of two middle values).</summary>
    private static IReadOnlyList<double> Deciles(double[] sorted)
    {
        if (sorted.Length == 0)
            return [];
        return [.. Enumerable.Range(1, 9).Select(d => sorted[Math.Max(0, (int)Math.Ceiling(d * sorted.Length / 10.0) - 1)]).Distinct()];
    }

    private static IReadOnlyList<double> SharesOf(IEnumerable<double> counts, int rows) =>
        [.. counts.Select(c => rows == 0 ? 0 : Math.Round(c / rows, 6))];
}
