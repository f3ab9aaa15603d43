namespace PredictiveLeads.Learning.Trees;

/// <summary>
/// One tree as arrays of node fields. A child index ≥ 0 is another node; a negative child c is leaf ~c.
/// A tree with no nodes is a single leaf. Numeric nodes send a value left when it is ≤ <see cref="Threshold"/>;
/// categorical nodes when its code is in the node's set; missing values follow <see cref="DefaultLeft"/>.
/// </summary>
public sealed class RegressionTree
{
    public required int[] Left { get; init; }

    public required int[] Right { get; init; }

    public required int[] Feature { get; init; }

    /// <summary>Numeric nodes: the largest value that goes left (in feature units).</summary>
    public required double[] Threshold { get; init; }

    public required bool[] DefaultLeft { get; init; }

    /// <summary>Categorical nodes: start of their set in <see cref="CategoryWords"/>; −1 for numeric nodes.</summary>
    public required int[] CategoryOffset { get; init; }

    /// <summary>The category sets of categorical nodes, <see cref="CategorySet.Words"/> words each.</summary>
    public required uint[] CategoryWords { get; init; }

    /// <summary>Loss reduction of each node's split.</summary>
    public required double[] Gain { get; init; }

    /// <summary>Training rows that reached each node.</summary>
    public required double[] NodeCover { get; init; }

    /// <summary>Leaf values on the margin scale, shrinkage applied.</summary>
    public required double[] LeafValue { get; init; }

    /// <summary>Training rows that reached each leaf.</summary>
    public required double[] LeafCover { get; init; }

    public int NodeCount => Feature.Length;

    public int LeafCount => LeafValue.Length;

    /// <summary>The leaf a row of feature values reaches.</summary>
    public int LeafIndex(ReadOnlySpan<double> features)
    {
        if (Feature.Length == 0)
            return 0;
        var node = 0;
        while (true)
        {
            var next = GoesLeft(node, features[Feature[node]]) ? Left[node] : Right[node];
            if (next < 0)
                return ~next;
            node = next;
        }
    }

    public double Predict(ReadOnlySpan<double> features) => LeafValue[LeafIndex(features)];

    /// <summary>Whether a value of the node's feature goes to the left child.</summary>
    public bool GoesLeft(int node, double value)
    {
        if (double.IsNaN(value))
            return DefaultLeft[node];
        var offset = CategoryOffset[node];
        if (offset >= 0)
            return CategorySet.Contains(CategoryWords.AsSpan(offset, CategorySet.Words), (int)value);
        return value <= Threshold[node];
    }
}
