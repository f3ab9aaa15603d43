namespace PredictiveLeads.Learning.Linear;

/// <summary>A fitted logistic regression: margin = intercept + Σ weight·input over the encoded inputs.</summary>
public sealed record LogisticModel
{
    public required LinearEncoding Encoding { get; init; }

    public required double Intercept { get; init; }

    public required IReadOnlyList<double> Weights { get; init; }

    /// <summary>The margin of every row of <paramref name="rows"/>.</summary>
    public double[] PredictMargins(Preprocessing.FeatureMatrix rows)
    {
        var margins = new double[rows.RowCount];
        var row = new double[rows.FeatureCount];
        for (var i = 0; i < margins.Length; i++)
        {
            rows.CopyRow(i, row);
            margins[i] = PredictMargin(row);
        }
        return margins;
    }

    public double PredictMargin(ReadOnlySpan<double> features)
    {
        var slots = Encoding.SlotsPerRow;
        Span<int> indices = slots <= 256 ? stackalloc int[slots] : new int[slots];
        Span<double> values = slots <= 256 ? stackalloc double[slots] : new double[slots];
        Encoding.Encode(features, indices, values);
        var margin = Intercept;
        for (var s = 0; s < slots; s++)
            margin += Weights[indices[s]] * values[s];
        return margin;
    }
}
