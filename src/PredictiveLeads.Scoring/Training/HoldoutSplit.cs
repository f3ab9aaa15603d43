using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Scoring.Training;

/// <summary>
/// Which rows grow the trees (fit), which stop them early and calibrate them (validation), and which measure
/// the result (test), so that each step sees data the earlier ones did not. With a creation time the newest
/// leads are held out, as they would be in production: a random split lets a model peek at the future and
/// flatters it. Without one, rows are shuffled (stratified on the first outcome).
/// </summary>
public sealed record HoldoutSplit(int[] Fit, int[] Validation, int[] Test, string Method, DateRange? FitDates, DateRange? ValidationDates, DateRange? TestDates)
{
    public static HoldoutSplit Create(DataTable table, string? createdAt, double[] firstOutcome, double testShare, double validationShare, int seed)
    {
        if (createdAt is not null)
        {
            return table.Find(createdAt) is NumericColumn { Kind: ColumnKind.DateTime } created
                ? ByTime(created, testShare, validationShare)
                : throw new DataFormatException($"{table.Source}: the creation time column '{createdAt}' does not hold dates, so the newest leads cannot be held out");
        }
        var all = Enumerable.Range(0, table.RowCount).ToArray();
        var labels = firstOutcome.Select(v => double.IsNaN(v) ? 0 : v).ToArray();
        var (rest, test) = Learning.Models.DataSplit.Stratified(all, labels, testShare, seed);
        var (fit, validation) = Learning.Models.DataSplit.Stratified(rest, labels, validationShare, seed + 1);
        return new HoldoutSplit(fit, validation, test, "random (stratified, seeded)", null, null, null);
    }

    private static HoldoutSplit ByTime(NumericColumn created, double testShare, double validationShare)
    {
        var times = created.Values;
        // Rows without a creation time cannot be placed in time; they only ever help fitting.
        var dated = InTimeOrder(times);
        var undated = Enumerable.Range(0, times.Length).Where(r => double.IsNaN(times[r]));
        var testCount = (int)Math.Round(dated.Length * testShare);
        var validationCount = (int)Math.Round((dated.Length - testCount) * validationShare);
        var fitCount = dated.Length - testCount - validationCount;
        var fit = dated[..fitCount];
        var validation = dated[fitCount..(fitCount + validationCount)];
        var test = dated[(fitCount + validationCount)..];
        return new HoldoutSplit(
            Sorted([.. fit, .. undated]), Sorted(validation), Sorted(test), "by time (newest leads held out)",
            DateRange.Of(times, fit), DateRange.Of(times, validation), DateRange.Of(times, test));
    }

    /// <summary>The dated rows by creation time, rows created at the same time in file order.</summary>
    private static int[] InTimeOrder(double[] times)
    {
        var rows = Enumerable.Range(0, times.Length).Where(r => !double.IsNaN(times[r])).ToArray();
        var keys = rows.Select(r => times[r]).ToArray();
        Array.Sort(keys, rows);
        for (var start = 0; start < rows.Length;)
        {
            var end = start + 1;
            while (end < rows.Length && keys[end] == keys[start])
                end++;
            Array.Sort(rows, start, end - start);
            start = end;
        }
        return rows;
    }

    private static int[] Sorted(int[] rows)
    {
        Array.Sort(rows);
        return rows;
    }
}

/// <summary>The first and last creation time of a set of rows.</summary>
public sealed record DateRange(DateTime From, DateTime To)
{
    public static DateRange? Of(double[] days, int[] rows) =>
        rows.Length == 0 ? null : new DateRange(DayNumber.ToDateTime(rows.Min(r => days[r])), DayNumber.ToDateTime(rows.Max(r => days[r])));

    public override string ToString() => $"{From:yyyy-MM-dd} to {To:yyyy-MM-dd}";
}
