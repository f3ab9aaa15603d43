using PredictiveLeads.Learning.Binning;
using PredictiveLeads.Learning.Boosting;

namespace PredictiveLeads.Learning.Trees;

/// <summary>
/// Grows one tree best-first (leaf-wise, as LightGBM): the leaf whose best split gains most is split next,
/// until the tree has <see cref="BoostingOptions.MaxLeaves"/> leaves or no leaf can be split.
/// The smaller child's histogram is built from its rows; the larger one's is the parent's minus the smaller's.
/// </summary>
public sealed class TreeGrower
{
    private readonly BinnedDataset _data;
    private readonly BoostingOptions _options;
    private readonly HistogramLayout _layout;
    private readonly HistogramBuilder _builder;
    private readonly SplitFinder _finder;
    private readonly Stack<Histogram> _pool = new();

    public TreeGrower(BinnedDataset data, BoostingOptions options)
    {
        _data = data;
        _options = options;
        _layout = new HistogramLayout(data.Binnings);
        _builder = new HistogramBuilder(data, _layout, options.Threads);
        _finder = new SplitFinder(data.Binnings, options);
        Partition = new RowPartition(data.RowCount, options.Threads);
    }

    /// <summary>After <see cref="Grow"/>: the rows of each leaf (see <see cref="Leaves"/> for the ranges).</summary>
    public RowPartition Partition { get; }

    /// <summary>After <see cref="Grow"/>: each leaf's range of rows in <see cref="Partition"/>.</summary>
    public IReadOnlyList<(int Start, int Count)> Leaves => _leaves.ConvertAll(l => (l.Start, l.Count));

    private readonly List<LeafState> _leaves = [];

    /// <summary>
    /// Grows a tree on the rows in <paramref name="sampleRows"/> (all rows when null), using only
    /// <paramref name="features"/>. <paramref name="gradHess"/> holds each row's gradient and hessian side by side.
    /// </summary>
    public RegressionTree Grow(double[] gradHess, int[]? sampleRows, int[] features)
    {
        Partition.Reset(_data.RowCount, sampleRows);
        _leaves.Clear();
        var nodes = new TreeNodes();

        var root = new LeafState { Start = 0, Count = Partition.Count, Depth = 0, ParentNode = -1 };
        root.Sums = Sum(gradHess, root);
        root.Histogram = Rent();
        _builder.Build(root.Histogram, Partition.Rows, 0, root.Count, gradHess, sampleRows is null, features);
        root.Best = CanSplit(root) ? _finder.FindBest(root.Histogram, root.Sums, features) : null;
        _leaves.Add(root);

        while (_leaves.Count < _options.MaxLeaves)
        {
            var index = PickLeafToSplit();
            if (index < 0)
                break;
            SplitLeaf(index, gradHess, features, nodes);
        }

        foreach (var leaf in _leaves)
            Return(leaf);
        return nodes.Build(_leaves.ConvertAll(l => l.Sums), _options);
    }

    private int PickLeafToSplit()
    {
        var best = -1;
        for (var i = 0; i < _leaves.Count; i++)
        {
            var split = _leaves[i].Best;
            if (split is not null && (best < 0 || split.Gain > _leaves[best].Best!.Gain))
                best = i;
        }
        return best;
    }

    private void SplitLeaf(int index, double[] gradHess, int[] features, TreeNodes nodes)
    {
        var parent = _leaves[index];
        var split = parent.Best!;
        var binning = _data.Binnings[split.Feature];
        var leftCount = Partition.Split(parent.Start, parent.Count, _data, split);

        var node = nodes.Add(split, binning, parent.Count, parent.ParentNode, parent.IsLeftChild);
        var left = new LeafState
        {
            Start = parent.Start, Count = leftCount, Depth = parent.Depth + 1, ParentNode = node, IsLeftChild = true, Sums = split.Left,
        };
        var right = new LeafState
        {
            Start = parent.Start + leftCount, Count = parent.Count - leftCount, Depth = parent.Depth + 1, ParentNode = node, IsLeftChild = false,
            Sums = split.Right,
        };
        nodes.SetChildren(node, ~index, ~_leaves.Count);
        _leaves[index] = left;
        _leaves.Add(right);

        var canSplitLeft = CanSplit(left);
        var canSplitRight = CanSplit(right);
        if (canSplitLeft || canSplitRight)
        {
            var (small, large) = left.Count <= right.Count ? (left, right) : (right, left);
            small.Histogram = Rent();
            _builder.Build(small.Histogram, Partition.Rows, small.Start, small.Count, gradHess, allRows: false, features);
            if (CanSplit(large))
            {
                large.Histogram = parent.Histogram;
                parent.Histogram = null;
                large.Histogram!.SetDifference(large.Histogram, small.Histogram, features);
            }
            left.Best = canSplitLeft ? _finder.FindBest(left.Histogram!, left.Sums, features) : null;
            right.Best = canSplitRight ? _finder.FindBest(right.Histogram!, right.Sums, features) : null;
        }
        Return(parent);
        if (left.Best is null)
            Return(left);
        if (right.Best is null)
            Return(right);
    }

    private bool CanSplit(LeafState leaf) =>
        leaf.Count >= 2 * _options.MinRowsPerLeaf && (_options.MaxDepth == 0 || leaf.Depth < _options.MaxDepth);

    /// <summary>The gradient and hessian sums of the leaf's rows, added in row order.</summary>
    private LeafSums Sum(double[] gradHess, LeafState leaf)
    {
        double gradient = 0, hessian = 0;
        foreach (var row in Partition.Rows.AsSpan(leaf.Start, leaf.Count))
        {
            gradient += gradHess[2 * row];
            hessian += gradHess[2 * row + 1];
        }
        return new LeafSums(gradient, hessian, leaf.Count);
    }

    private Histogram Rent() => _pool.Count > 0 ? _pool.Pop() : new Histogram(_layout);

    private void Return(LeafState leaf)
    {
        if (leaf.Histogram is not null)
        {
            _pool.Push(leaf.Histogram);
            leaf.Histogram = null;
        }
    }

    private sealed class LeafState
    {
        public int Start;
        public int Count;
        public int Depth;
        public int ParentNode;
        public bool IsLeftChild;
        public LeafSums Sums;
        public Histogram? Histogram;
        public SplitCandidate? Best;
    }
}
