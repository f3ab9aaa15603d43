using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Explain;

/// <summary>
/// Exact TreeSHAP (Lundberg, Erion and Lee, "Consistent Individualized Feature Attribution for Tree
/// Ensembles", arXiv:1802.03888, Algorithm 2): per-feature contributions to one row's margin that sum to
/// the margin minus the expected margin, with expectations taken over the training rows that reached
/// each node (its cover). Trees are explained from precomputed per-leaf tables in O(leaves · depth) (see
/// <see cref="LeafPatternTables"/>); a tree with a path too long to tabulate uses the recursive algorithm,
/// O(leaves · depth²).
/// </summary>
public sealed class TreeShap
{
    /// <summary>1/k for every possible path length (trees have at most 4,096 leaves): the inner loops multiply instead of dividing.</summary>
    private static readonly double[] Reciprocal = [.. Enumerable.Range(0, 4100).Select(k => k == 0 ? 0 : 1.0 / k)];

    private readonly TreeEnsemble _ensemble;
    private readonly int _maxDepth;
    private readonly int _maxNodes;
    private readonly LeafPatternTables?[] _tables;

    /// <summary>The most memory the per-leaf tables of one ensemble may hold; trees past it are explained recursively.</summary>
    public const long DefaultTableBudgetBytes = 64L << 20;

    public TreeShap(TreeEnsemble ensemble) : this(ensemble, tabulate: true)
    {
    }

    /// <param name="ensemble">The trees to explain.</param>
    /// <param name="tabulate">False explains every tree recursively (tests compare both ways).</param>
    /// <param name="tableBudgetBytes">The most memory the tables may hold (a path of ten features alone takes 8 KiB).</param>
    internal TreeShap(TreeEnsemble ensemble, bool tabulate, long tableBudgetBytes = DefaultTableBudgetBytes)
    {
        _ensemble = ensemble;
        _maxDepth = ensemble.Trees.Count == 0 ? 0 : ensemble.Trees.Max(Depth);
        _maxNodes = ensemble.Trees.Count == 0 ? 0 : ensemble.Trees.Max(t => t.NodeCount);
        _tables = new LeafPatternTables?[ensemble.Trees.Count];
        for (var t = 0; t < _tables.Length && tabulate; t++)
        {
            if (LeafPatternTables.TryBuild(ensemble.Trees[t]) is not { } table || TableBytes + table.Bytes > tableBudgetBytes)
                continue;
            _tables[t] = table;
            TableBytes += table.Bytes;
        }
        ExpectedMargin = ensemble.BaseMargin + ensemble.Trees.Sum(ExpectedValue);
    }

    /// <summary>The memory the per-leaf tables hold, in bytes.</summary>
    public long TableBytes { get; }

    /// <summary>How many trees are explained from tables (the rest recursively).</summary>
    public int TabulatedTrees => _tables.Count(t => t is not null);

    /// <summary>The mean margin over the training rows: the value contributions start from.</summary>
    public double ExpectedMargin { get; }

    /// <summary>Adds each feature's contribution to the margin of <paramref name="features"/> into <paramref name="contributions"/>.</summary>
    public void Explain(ReadOnlySpan<double> features, Span<double> contributions)
    {
        PathElement[]? path = null;
        Span<bool> goesLeft = _maxNodes <= 1024 ? stackalloc bool[_maxNodes] : new bool[_maxNodes];
        for (var t = 0; t < _tables.Length; t++)
        {
            var tree = _ensemble.Trees[t];
            if (_tables[t] is { } table)
            {
                table.Explain(features, contributions, goesLeft);
            }
            else if (tree.NodeCount > 0)
            {
                path ??= new PathElement[(_maxDepth + 2) * (_maxDepth + 3) / 2];
                Recurse(tree, features, contributions, path, 0, 0, 0, 1, 1, -1);
            }
        }
    }

    private struct PathElement
    {
        public int Feature;
        public double ZeroFraction;
        public double OneFraction;
        public double Weight;
    }

    private static void Recurse(RegressionTree tree, ReadOnlySpan<double> x, Span<double> phi, PathElement[] path, int parentStart,
        int uniqueDepth, int child, double parentZero, double parentOne, int parentFeature)
    {
        // Each level works on its own copy of the path, placed right after its parent's.
        var start = parentStart + uniqueDepth;
        if (uniqueDepth > 0)
            Array.Copy(path, parentStart, path, start, uniqueDepth);
        var unique = path.AsSpan(start);
        Extend(unique, uniqueDepth, parentZero, parentOne, parentFeature);

        if (child < 0)
        {
            var value = tree.LeafValue[~child];
            for (var i = 1; i <= uniqueDepth; i++)
            {
                var weight = UnwoundSum(unique, uniqueDepth, i);
                phi[unique[i].Feature] += weight * (unique[i].OneFraction - unique[i].ZeroFraction) * value;
            }
            return;
        }

        var node = child;
        var feature = tree.Feature[node];
        var goesLeft = tree.GoesLeft(node, x[feature]);
        var hot = goesLeft ? tree.Left[node] : tree.Right[node];
        var cold = goesLeft ? tree.Right[node] : tree.Left[node];
        var cover = tree.NodeCover[node];
        var hotZero = Cover(tree, hot) / cover;
        var coldZero = Cover(tree, cold) / cover;
        double incomingZero = 1, incomingOne = 1;

        var previous = -1;
        for (var k = 1; k <= uniqueDepth; k++)
        {
            if (unique[k].Feature == feature)
            {
                previous = k;
                break;
            }
        }
        if (previous >= 0)
        {
            incomingZero = unique[previous].ZeroFraction;
            incomingOne = unique[previous].OneFraction;
            Unwind(unique, uniqueDepth, previous);
            uniqueDepth--;
        }
        Recurse(tree, x, phi, path, start, uniqueDepth + 1, hot, hotZero * incomingZero, incomingOne, feature);
        Recurse(tree, x, phi, path, start, uniqueDepth + 1, cold, coldZero * incomingZero, 0, feature);
    }

    private static void Extend(Span<PathElement> path, int uniqueDepth, double zero, double one, int feature)
    {
        path[uniqueDepth] = new PathElement { Feature = feature, ZeroFraction = zero, OneFraction = one, Weight = uniqueDepth == 0 ? 1 : 0 };
        var inverseScale = Reciprocal[uniqueDepth + 1];
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            path[i + 1].Weight += one * path[i].Weight * (i + 1) * inverseScale;
            path[i].Weight = zero * path[i].Weight * (uniqueDepth - i) * inverseScale;
        }
    }

    private static void Unwind(Span<PathElement> path, int uniqueDepth, int index)
    {
        var one = path[index].OneFraction;
        var zero = path[index].ZeroFraction;
        var nextOnePortion = path[uniqueDepth].Weight;
        var scale = uniqueDepth + 1.0;
        var inverseScale = Reciprocal[uniqueDepth + 1];
        for (var i = uniqueDepth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var kept = path[i].Weight;
                path[i].Weight = nextOnePortion * scale * Reciprocal[i + 1] / one;
                nextOnePortion = kept - path[i].Weight * zero * (uniqueDepth - i) * inverseScale;
            }
            else
            {
                path[i].Weight = path[i].Weight * scale * Reciprocal[uniqueDepth - i] / zero;
            }
        }
        for (var i = index; i < uniqueDepth; i++)
        {
            path[i].Feature = path[i + 1].Feature;
            path[i].ZeroFraction = path[i + 1].ZeroFraction;
            path[i].OneFraction = path[i + 1].OneFraction;
        }
    }

    private static double UnwoundSum(ReadOnlySpan<PathElement> path, int uniqueDepth, int index)
    {
        var one = path[index].OneFraction;
        var zero = path[index].ZeroFraction;
        var nextOnePortion = path[uniqueDepth].Weight;
        var scale = uniqueDepth + 1.0;
        double total = 0;
        // Divisions hoisted out of the loop: this runs for every leaf and every feature on its path.
        if (one != 0)
        {
            var zeroOverScale = zero / scale;
            var scaleOverOne = scale / one;
            for (var i = uniqueDepth - 1; i >= 0; i--)
            {
                var part = nextOnePortion * scaleOverOne * Reciprocal[i + 1];
                total += part;
                nextOnePortion = path[i].Weight - part * zeroOverScale * (uniqueDepth - i);
            }
        }
        else
        {
            var scaleOverZero = scale / zero;
            for (var i = uniqueDepth - 1; i >= 0; i--)
                total += path[i].Weight * scaleOverZero * Reciprocal[uniqueDepth - i];
        }
        return total;
    }

    private static double Cover(RegressionTree tree, int child) => child < 0 ? tree.LeafCover[~child] : tree.NodeCover[child];

    private static double ExpectedValue(RegressionTree tree)
    {
        double total = 0, rows = 0;
        for (var leaf = 0; leaf < tree.LeafCount; leaf++)
        {
            total += tree.LeafValue[leaf] * tree.LeafCover[leaf];
            rows += tree.LeafCover[leaf];
        }
        return rows > 0 ? total / rows : 0;
    }

    private static int Depth(RegressionTree tree)
    {
        if (tree.NodeCount == 0)
            return 0;
        var deepest = 0;
        var stack = new Stack<(int Node, int Depth)>();
        stack.Push((0, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            deepest = Math.Max(deepest, depth);
            foreach (var child in (ReadOnlySpan<int>)[tree.Left[node], tree.Right[node]])
            {
                if (child >= 0)
                    stack.Push((child, depth + 1));
            }
        }
        return deepest;
    }
}
