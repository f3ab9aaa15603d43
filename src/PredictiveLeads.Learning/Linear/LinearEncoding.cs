using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.Linear;

/// <summary>
/// Turns model features into the sparse inputs of a linear model: numeric features standardised with missing
/// values at the median plus a missing indicator; categorical features one-hot, missing as its own column.
/// Every row has the same number of (index, value) slots.
/// </summary>
public sealed record LinearEncoding
{
    /// <summary>Per feature: first input index it writes to.</summary>
    public required IReadOnlyList<int> Offsets { get; init; }

    /// <summary>Per feature: the median used for missing numeric values (0 for categoricals).</summary>
    public required IReadOnlyList<double> Medians { get; init; }

    /// <summary>Per feature: the mean subtracted from numeric values.</summary>
    public required IReadOnlyList<double> Means { get; init; }

    /// <summary>Per feature: the standard deviation numeric values are divided by (1 when constant).</summary>
    public required IReadOnlyList<double> Scales { get; init; }

    /// <summary>Per feature: whether it is categorical.</summary>
    public required IReadOnlyList<bool> IsCategorical { get; init; }

    /// <summary>Per categorical feature: its number of codes (the missing column comes after them).</summary>
    public required IReadOnlyList<int> CodeCounts { get; init; }

    /// <summary>Number of inputs (weights, without the intercept).</summary>
    public required int InputCount { get; init; }

    /// <summary>Slots per row: two per numeric feature (value, missing), one per categorical.</summary>
    public int SlotsPerRow => IsCategorical.Sum(c => c ? 1 : 2);

    public static LinearEncoding Fit(FeatureMatrix matrix)
    {
        var count = matrix.FeatureCount;
        var offsets = new int[count];
        var medians = new double[count];
        var means = new double[count];
        var scales = new double[count];
        var categorical = new bool[count];
        var codeCounts = new int[count];
        var next = 0;
        for (var f = 0; f < count; f++)
        {
            offsets[f] = next;
            var info = matrix.Features[f];
            if (info.Kind == FeatureKind.Categorical)
            {
                categorical[f] = true;
                codeCounts[f] = info.CodeCount;
                scales[f] = 1;
                next += info.CodeCount + 1;
                continue;
            }
            var present = matrix.Columns[f].Where(v => !double.IsNaN(v)).ToArray();
            Array.Sort(present);
            medians[f] = present.Length == 0 ? 0 : present[present.Length / 2];
            double sum = 0, squares = 0;
            foreach (var value in matrix.Columns[f])
            {
                var v = double.IsNaN(value) ? medians[f] : value;
                sum += v;
                squares += v * v;
            }
            means[f] = sum / Math.Max(1, matrix.RowCount);
            var variance = squares / Math.Max(1, matrix.RowCount) - means[f] * means[f];
            scales[f] = variance > 1e-12 ? Math.Sqrt(variance) : 1;
            next += 2;
        }
        return new LinearEncoding
        {
            Offsets = offsets, Medians = medians, Means = means, Scales = scales, IsCategorical = categorical, CodeCounts = codeCounts, InputCount = next,
        };
    }

    /// <summary>Writes one row's slots: input indices and values.</summary>
    public void Encode(ReadOnlySpan<double> features, Span<int> indices, Span<double> values)
    {
        var slot = 0;
        for (var f = 0; f < Offsets.Count; f++)
        {
            var x = features[f];
            if (IsCategorical[f])
            {
                var code = double.IsNaN(x) ? CodeCounts[f] : Math.Clamp((int)x, 0, CodeCounts[f] - 1);
                indices[slot] = Offsets[f] + code;
                values[slot++] = 1;
                continue;
            }
            var missing = double.IsNaN(x);
            indices[slot] = Offsets[f];
            values[slot++] = ((missing ? Medians[f] : x) - Means[f]) / Scales[f];
            indices[slot] = Offsets[f] + 1;
            values[slot++] = missing ? 1 : 0;
        }
    }
}
