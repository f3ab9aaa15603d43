using PredictiveLeads.Learning.Binning;
using PredictiveLeads.Learning.Boosting;

namespace PredictiveLeads.Learning.Trees;

/// <summary>The nodes of a tree while it grows; <see cref="Build"/> turns them into a <see cref="RegressionTree"/>.</summary>
internal sealed class TreeNodes
{
    private readonly List<int> _left = [];
    private readonly List<int> _right = [];
    private readonly List<int> _feature = [];
    private readonly List<double> _threshold = [];
    private readonly List<int> _thresholdBin = [];
    private readonly List<bool> _defaultLeft = [];
    private readonly List<int> _categoryOffset = [];
    private readonly List<uint> _categoryWords = [];
    private readonly List<double> _gain = [];
    private readonly List<double> _cover = [];
    private readonly List<double> _leafCover = [];

    /// <summary>Adds the node of a split and links it from its parent; returns its index.</summary>
    public int Add(SplitCandidate split, FeatureBinning binning, int rows, int parentNode, bool isLeftChild)
    {
        var node = _feature.Count;
        _left.Add(0);
        _right.Add(0);
        _feature.Add(split.Feature);
        _gain.Add(split.Gain);
        _cover.Add(rows);
        _defaultLeft.Add(split.DefaultLeft);
        if (split.LeftCategories is { } set)
        {
            _categoryOffset.Add(_categoryWords.Count);
            _categoryWords.AddRange(set);
            _threshold.Add(0);
            _thresholdBin.Add(0);
        }
        else
        {
            _categoryOffset.Add(-1);
            _threshold.Add(binning.UpperBounds[split.ThresholdBin]);
            _thresholdBin.Add(split.ThresholdBin);
        }
        if (parentNode >= 0)
        {
            if (isLeftChild)
                _left[parentNode] = node;
            else
                _right[parentNode] = node;
        }
        return node;
    }

    public void SetChildren(int node, int left, int right)
    {
        _left[node] = left;
        _right[node] = right;
    }

    public RegressionTree Build(IReadOnlyList<LeafSums> leaves, BoostingOptions options)
    {
        var values = new double[leaves.Count];
        var cover = new double[leaves.Count];
        for (var i = 0; i < leaves.Count; i++)
        {
            values[i] = options.LearningRate * SplitFinder.LeafValue(leaves[i].Gradient, leaves[i].Hessian, options.L1, options.L2);
            cover[i] = leaves[i].Rows;
        }
        return new RegressionTree
        {
            Left = [.. _left], Right = [.. _right], Feature = [.. _feature], Threshold = [.. _threshold], ThresholdBin = [.. _thresholdBin],
            DefaultLeft = [.. _defaultLeft], CategoryOffset = [.. _categoryOffset], CategoryWords = [.. _categoryWords],
            Gain = [.. _gain], NodeCover = [.. _cover], LeafValue = values, LeafCover = cover,
        };
    }
}
