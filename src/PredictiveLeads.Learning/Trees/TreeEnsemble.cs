namespace PredictiveLeads.Learning.Trees;

/// <summary>A boosted model: a base margin plus the sum of its trees' leaf values, on the log-odds scale.</summary>
public sealed class TreeEnsemble(double baseMargin, IReadOnlyList<RegressionTree> trees, int featureCount)
{
    private FlatForest? _flat;

    public double BaseMargin { get; } = baseMargin;

    public IReadOnlyList<RegressionTree> Trees { get; } = trees;

    public int FeatureCount { get; } = featureCount;

    /// <summary>The trees flattened into one set of node arrays, for fast prediction.</summary>
    public FlatForest Flat => _flat ??= FlatForest.From(BaseMargin, Trees, FeatureCount);

    public double PredictMargin(ReadOnlySpan<double> features) => Flat.PredictMargin(features);
}
