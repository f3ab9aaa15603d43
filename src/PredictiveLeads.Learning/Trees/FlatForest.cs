namespace PredictiveLeads.Learning.Trees;

/// <summary>
/// All trees of an ensemble in one set of node arrays, leaves included as nodes, so predicting a row is one
/// tight loop per tree with no indirection through tree objects. A node is a leaf when its feature is −1.
/// </summary>
public sealed class FlatForest
{
    private readonly int[] _roots;
    private readonly int[] _feature;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly double[] _threshold;
    private readonly bool[] _defaultLeft;
    private readonly int[] _categoryOffset;
    private readonly uint[] _categoryWords;
    private readonly double[] _value;
    private readonly double _baseMargin;

    private FlatForest(double baseMargin, int[] roots, int[] feature, int[] left, int[] right, double[] threshold,
        bool[] defaultLeft, int[] categoryOffset, uint[] categoryWords, double[] value)
    {
        _baseMargin = baseMargin;
        _roots = roots;
        _feature = feature;
        _left = left;
        _right = right;
        _threshold = threshold;
        _defaultLeft = defaultLeft;
        _categoryOffset = categoryOffset;
        _categoryWords = categoryWords;
        _value = value;
    }

    public static FlatForest From(double baseMargin, IReadOnlyList<RegressionTree> trees)
    {
        var roots = new int[trees.Count];
        var feature = new List<int>();
        var left = new List<int>();
        var right = new List<int>();
        var threshold = new List<double>();
        var defaultLeft = new List<bool>();
        var categoryOffset = new List<int>();
        var categoryWords = new List<uint>();
        var value = new List<double>();
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            var nodeBase = feature.Count;
            var leafBase = nodeBase + tree.NodeCount;
            roots[t] = tree.NodeCount == 0 ? leafBase : nodeBase;
            for (var n = 0; n < tree.NodeCount; n++)
            {
                feature.Add(tree.Feature[n]);
                left.Add(tree.Left[n] < 0 ? leafBase + ~tree.Left[n] : nodeBase + tree.Left[n]);
                right.Add(tree.Right[n] < 0 ? leafBase + ~tree.Right[n] : nodeBase + tree.Right[n]);
                threshold.Add(tree.Threshold[n]);
                defaultLeft.Add(tree.DefaultLeft[n]);
                var offset = tree.CategoryOffset[n];
                categoryOffset.Add(offset < 0 ? -1 : categoryWords.Count + offset);
                value.Add(0);
            }
            categoryWords.AddRange(tree.CategoryWords);
            for (var l = 0; l < tree.LeafCount; l++)
            {
                feature.Add(-1);
                left.Add(-1);
                right.Add(-1);
                threshold.Add(0);
                defaultLeft.Add(false);
                categoryOffset.Add(-1);
                value.Add(tree.LeafValue[l]);
            }
        }
        return new FlatForest(baseMargin, roots, [.. feature], [.. left], [.. right], [.. threshold], [.. defaultLeft],
            [.. categoryOffset], [.. categoryWords], [.. value]);
    }

    /// <summary>The margin (log-odds) of one row of features. Allocates nothing.</summary>
    public double PredictMargin(ReadOnlySpan<double> features)
    {
        var margin = _baseMargin;
        var featureOf = _feature;
        foreach (var root in _roots)
        {
            var node = root;
            int feature;
            while ((feature = featureOf[node]) >= 0)
            {
                var x = features[feature];
                bool goLeft;
                if (double.IsNaN(x))
                    goLeft = _defaultLeft[node];
                else if (_categoryOffset[node] < 0)
                    goLeft = x <= _threshold[node];
                else
                    goLeft = CategorySet.Contains(_categoryWords.AsSpan(_categoryOffset[node], CategorySet.Words), (int)x);
                node = goLeft ? _left[node] : _right[node];
            }
            margin += _value[node];
        }
        return margin;
    }
}
