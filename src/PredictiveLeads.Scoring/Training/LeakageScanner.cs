using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using PredictiveLeads.Learning.Binning;
using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Metrics;

namespace PredictiveLeads.Scoring.Training;

/// <summary>
/// Finds columns that give the outcome away: filled in after sales made contact, they look brilliant in
/// training and are useless (or missing) when a new lead is scored. Each column alone is turned into a score
/// by out-of-fold target encoding (its value's conversion rate measured on the other folds) and rated by
/// ROC AUC; a column that predicts too well alone, or whose name says it is set after contact, is a suspect.
/// </summary>
public static partial class LeakageScanner
{
    private const int Folds = 5;
    private const double Smoothing = 10;
    private const int NumericBins = 20;

    /// <summary>Most rows scanned: an out-of-fold AUC is already precise to about ±0.003 on this many, and big exports stay cheap.</summary>
    private const int MaxRows = 200_000;

    [GeneratedRegex(@"(^|[^a-z])(status|stage|stages|tag|tags|quality|reason|reasons|owner|owners|converted|conversion|won|lost|closed|disqualified|disqualification|outcome|result)([^a-z]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex AfterContactName();

    /// <summary>A column whose missingness alone (filled in or not) predicts the outcome this well is a suspect: sales fill in fields as they work a lead.</summary>
    public const double MissingnessAucThreshold = 0.8;

    /// <summary>Rates every column in <paramref name="columns"/> on <paramref name="rows"/>, up to <paramref name="threads"/> columns at a time (the findings do not depend on it).</summary>
    public static IReadOnlyList<LeakageFinding> Scan(DataTable table, IEnumerable<string> columns, double[] labels, int[] rows, double aucThreshold, int seed, int threads = 1)
    {
        var labelled = rows.Where(r => !double.IsNaN(labels[r])).ToArray();
        if (labelled.Length > MaxRows)
            labelled = [.. Enumerable.Range(0, MaxRows).Select(i => labelled[(int)((long)i * labelled.Length / MaxRows)])];
        var y = labelled.Select(r => labels[r]).ToArray();
        var random = new DeterministicRandom((ulong)seed ^ 0x1EA4UL);
        var fold = labelled.Select(_ => random.Next(Folds)).ToArray();
        var names = columns.ToArray();
        var findings = new LeakageFinding[names.Length];
        Parallel.For(0, names.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, c =>
        {
            var name = names[c];
            var column = table[name];
            var levels = Levels(column, labelled);
            var auc = OutOfFoldAuc(levels, y, fold);
            var missingness = MissingnessAuc(column, labelled, y);
            var byName = AfterContactName().IsMatch(SplitWords(name));
            var reasons = new List<string>();
            if (auc >= aucThreshold)
                reasons.Add($"predicts the outcome alone with AUC {auc:F3} (threshold {aucThreshold:F2})");
            if (missingness >= MissingnessAucThreshold)
                reasons.Add($"whether it is filled in predicts the outcome alone with AUC {missingness:F3} (threshold {MissingnessAucThreshold:F2})");
            if (byName)
                reasons.Add("its name suggests it is filled in after contact");
            findings[c] = new LeakageFinding(name, Math.Round(auc, 4), byName, reasons.Count > 0, string.Join(", and ", reasons))
            {
                MissingnessAuc = missingness is { } m ? Math.Round(m, 4) : null,
            };
        });
        return [.. findings.OrderByDescending(f => f.OutOfFoldAuc)];
    }

    /// <summary>
    /// ROC AUC of "is this column missing" against the outcome, in whichever direction predicts (so 0.5 to 1); null when
    /// the column is always or never missing on these rows. Nothing is fitted, so no folds are needed.
    /// </summary>
    private static double? MissingnessAuc(DataColumn column, int[] rows, double[] y)
    {
        long missing = 0, missingPositives = 0, positives = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var positive = y[i] > 0.5 ? 1 : 0;
            positives += positive;
            if (column.IsMissing(rows[i]))
            {
                missing++;
                missingPositives += positive;
            }
        }
        if (missing == 0 || missing == rows.Length)
            return null;
        var auc = RankingMetrics.RocAuc([0.0, 1.0], [positives - missingPositives, missingPositives], [rows.Length - missing, missing]);
        return Math.Max(auc, 1 - auc);
    }

    /// <summary>camelCase and snake_case both become words so "leadStatus" and "lead_status" match alike.</summary>
    private static string SplitWords(string name) => Regex.Replace(name, "([a-z])([A-Z])", "$1 $2");

    /// <summary>Each row's level: the category, or the quantile bin of a number; missing values are a level of their own.</summary>
    private static int[] Levels(DataColumn column, int[] rows)
    {
        if (column is CategoricalColumn categorical)
            return [.. rows.Select(r => categorical.Codes[r] + 1)];
        var values = ((NumericColumn)column).Values;
        var binning = FeatureBinning.ForNumeric(rows.Select(r => values[r]).ToArray(), NumericBins);
        return [.. rows.Select(r => binning.BinOf(values[r]))];
    }

    /// <summary>
    /// ROC AUC of each row's level target-encoded on the other folds. A row's score depends only on its fold and level,
    /// so the rows are ranked as (fold, level) groups.
    /// </summary>
    private static double OutOfFoldAuc(int[] levels, double[] y, int[] fold)
    {
        var levelCount = levels.Max() + 1;
        var positives = new double[Folds, levelCount];
        var counts = new double[Folds, levelCount];
        var foldPositives = new double[Folds];
        var foldCounts = new double[Folds];
        for (var i = 0; i < levels.Length; i++)
        {
            positives[fold[i], levels[i]] += y[i];
            counts[fold[i], levels[i]]++;
            foldPositives[fold[i]] += y[i];
            foldCounts[fold[i]]++;
        }
        var totalPositives = foldPositives.Sum();
        var total = foldCounts.Sum();
        var scores = new List<double>();
        var groupPositives = new List<long>();
        var groupRows = new List<long>();
        for (var f = 0; f < Folds; f++)
        {
            var prior = (totalPositives - foldPositives[f]) / Math.Max(1, total - foldCounts[f]);
            for (var level = 0; level < levelCount; level++)
            {
                if (counts[f, level] == 0)
                    continue;
                var otherPositives = SumOverFolds(positives, level) - positives[f, level];
                var otherCount = SumOverFolds(counts, level) - counts[f, level];
                scores.Add((otherPositives + Smoothing * prior) / (otherCount + Smoothing));
                groupPositives.Add((long)positives[f, level]);
                groupRows.Add((long)counts[f, level]);
            }
        }
        return RankingMetrics.RocAuc(CollectionsMarshal.AsSpan(scores), CollectionsMarshal.AsSpan(groupPositives), CollectionsMarshal.AsSpan(groupRows));
    }

    private static double SumOverFolds(double[,] values, int level)
    {
        double sum = 0;
        for (var f = 0; f < Folds; f++)
            sum += values[f, level];
        return sum;
    }
}

/// <summary>What the leakage scan found about one column.</summary>
/// <param name="Column">The column.</param>
/// <param name="OutOfFoldAuc">ROC AUC of the column alone, target-encoded out of fold.</param>
/// <param name="NameSuggestsAfterContact">Whether its name reads like a field filled in after contact.</param>
/// <param name="Suspect">Whether it is excluded unless kept on purpose.</param>
/// <param name="Reason">Why it is a suspect, in words ("" when it is not).</param>
public sealed record LeakageFinding(string Column, double OutOfFoldAuc, bool NameSuggestsAfterContact, bool Suspect, string Reason)
{
    /// <summary>ROC AUC of whether the column is filled in, in the direction that predicts; null when it is always or never filled in.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? MissingnessAuc { get; init; }
}
