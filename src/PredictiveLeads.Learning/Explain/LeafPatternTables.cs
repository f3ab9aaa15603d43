using System.Numerics;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Explain;

/// <summary>
/// One tree's TreeSHAP, precomputed so that explaining a row costs O(leaves · depth) instead of O(leaves · depth²).
/// The idea is that of Fast TreeSHAP v2 (Yang, "Fast TreeSHAP", arXiv:2109.09847): on a leaf's path with k distinct
/// features, feature j contributes v · (o_j − z_j) · Σ_{S ⊆ P∖{j}} w_k(|S|) Π_{i∈S} o_i Π_{i∈P∖S∖{j}} z_i, where
/// z is the share of training cover that follows the path and o is 1 when the row follows it, else 0. Since o is
/// 0 or 1, that sum depends only on the set B of other features the row follows, so it can be tabulated per leaf
/// for all 2^k sets: with K(B) = Σ_{S⊆B} w_k(|S|) Π_{i∈P∖S} z_i, the sum is K(B) / z_j.
/// </summary>
internal sealed class LeafPatternTables
{
    /// <summary>Paths with more distinct features than this keep the recursive algorithm: the tables would grow as 2^k.</summary>
    public const int MaxDistinctFeatures = 10;

    private readonly RegressionTree _tree;

    // Every leaf's data laid end to end, leaf after leaf, so explaining walks a few flat arrays.
    // Path steps: the node and the bit the row must match and the way the path goes there; a row going the other way clears that feature's bit.
    private readonly int[] _stepStart;
    private readonly int[] _stepNode;
    private readonly int[] _stepSlotBit;
    private readonly bool[] _stepWentLeft;
    private readonly int[] _featureStart;
    private readonly int[] _feature;
    private readonly double[] _inverseZero;
    private readonly int[] _tableStart;
    private readonly double[] _valueTimesK;

    /// <summary>One leaf: the path's nodes, its distinct features, and v · K(B) for every set B of them.</summary>
    private sealed record Leaf(int[] PathNodes, bool[] PathWentLeft, int[] PathSlot, int[] Features, double[] InverseZero, double[] ValueTimesK);

    private LeafPatternTables(RegressionTree tree, Leaf[] leaves)
    {
        _tree = tree;
        _stepStart = Starts(leaves.Select(l => l.PathNodes.Length));
        _stepNode = [.. leaves.SelectMany(l => l.PathNodes)];
        _stepSlotBit = [.. leaves.SelectMany(l => l.PathSlot.Select(slot => 1 << slot))];
        _stepWentLeft = [.. leaves.SelectMany(l => l.PathWentLeft)];
        _featureStart = Starts(leaves.Select(l => l.Features.Length));
        _feature = [.. leaves.SelectMany(l => l.Features)];
        _inverseZero = [.. leaves.SelectMany(l => l.InverseZero)];
        _tableStart = Starts(leaves.Select(l => l.ValueTimesK.Length));
        _valueTimesK = [.. leaves.SelectMany(l => l.ValueTimesK)];
    }

    /// <summary>The memory the tables hold, in bytes.</summary>
    public long Bytes =>
        sizeof(int) * ((long)_stepStart.Length + _stepNode.Length + _stepSlotBit.Length + _featureStart.Length + _feature.Length + _tableStart.Length)
        + _stepWentLeft.Length + sizeof(double) * ((long)_inverseZero.Length + _valueTimesK.Length);

    private static int[] Starts(IEnumerable<int> lengths)
    {
        var starts = new List<int> { 0 };
        foreach (var length in lengths)
            starts.Add(starts[^1] + length);
        return [.. starts];
    }

    /// <summary>The tables of <paramref name="tree"/>, or null when some path is too long or has a zero cover share.</summary>
    public static LeafPatternTables? TryBuild(RegressionTree tree)
    {
        if (tree.NodeCount == 0)
            return null;
        var leaves = new Leaf[tree.LeafCount];
        var path = new List<(int Node, bool Left)>();
        return Walk(tree, 0, path, leaves) ? new LeafPatternTables(tree, leaves) : null;
    }

    private static bool Walk(RegressionTree tree, int child, List<(int Node, bool Left)> path, Leaf[] leaves)
    {
        if (child < 0)
        {
            var leaf = BuildLeaf(tree, ~child, path);
            leaves[~child] = leaf!;
            return leaf is not null;
        }
        path.Add((child, true));
        var ok = Walk(tree, tree.Left[child], path, leaves);
        path[^1] = (child, false);
        ok = ok && Walk(tree, tree.Right[child], path, leaves);
        path.RemoveAt(path.Count - 1);
        return ok;
    }

    private static Leaf? BuildLeaf(RegressionTree tree, int leaf, List<(int Node, bool Left)> path)
    {
        var features = new List<int>();
        var zero = new List<double>();
        var slots = new int[path.Count];
        for (var p = 0; p < path.Count; p++)
        {
            var (node, left) = path[p];
            var next = left ? tree.Left[node] : tree.Right[node];
            var share = (next < 0 ? tree.LeafCover[~next] : tree.NodeCover[next]) / tree.NodeCover[node];
            var slot = features.IndexOf(tree.Feature[node]);
            if (slot < 0)
            {
                slot = features.Count;
                features.Add(tree.Feature[node]);
                zero.Add(1);
            }
            zero[slot] *= share;
            slots[p] = slot;
        }
        var k = features.Count;
        if (k > MaxDistinctFeatures || zero.Any(z => !(z > 0)))
            return null;

        // w_k(s) = s! (k − s − 1)! / k!, the Shapley weight of a coalition of s of the other k − 1 features.
        var weight = new double[k];
        for (var s = 0; s < k; s++)
            weight[s] = Factorial(s) * Factorial(k - s - 1) / Factorial(k);
        // g(S) = w(|S|) · Π_{i∉S} z_i, then K(B) = Σ_{S⊆B} g(S) by summing over subsets one feature at a time.
        var table = new double[1 << k];
        for (var set = 0; set < table.Length; set++)
        {
            var product = 1.0;
            for (var i = 0; i < k; i++)
            {
                if ((set & (1 << i)) == 0)
                    product *= zero[i];
            }
            var size = BitOperations.PopCount((uint)set);
            table[set] = size < k ? weight[size] * product : 0;
        }
        for (var i = 0; i < k; i++)
        {
            for (var set = 0; set < table.Length; set++)
            {
                if ((set & (1 << i)) != 0)
                    table[set] += table[set ^ (1 << i)];
            }
        }
        var value = tree.LeafValue[leaf];
        for (var set = 0; set < table.Length; set++)
            table[set] *= value;
        return new Leaf([.. path.Select(p => p.Node)], [.. path.Select(p => p.Left)], slots, [.. features], [.. zero.Select(z => 1 / z)], table);
    }

    /// <summary>Adds this tree's contribution of each feature for row <paramref name="x"/> into <paramref name="phi"/>.</summary>
    public void Explain(ReadOnlySpan<double> x, Span<double> phi, Span<bool> goesLeft)
    {
        var tree = _tree;
        for (var node = 0; node < tree.NodeCount; node++)
            goesLeft[node] = tree.GoesLeft(node, x[tree.Feature[node]]);
        var leaves = _stepStart.Length - 1;
        for (var leaf = 0; leaf < leaves; leaf++)
        {
            var firstFeature = _featureStart[leaf];
            var k = _featureStart[leaf + 1] - firstFeature;
            var follows = (1 << k) - 1;
            for (var step = _stepStart[leaf]; step < _stepStart[leaf + 1]; step++)
            {
                if (goesLeft[_stepNode[step]] != _stepWentLeft[step])
                    follows &= ~_stepSlotBit[step];
            }
            var table = _tableStart[leaf];
            for (var j = 0; j < k; j++)
            {
                // (o_j − z_j) · K(B) / z_j, with B the other followed features.
                var others = follows & ~(1 << j);
                phi[_feature[firstFeature + j]] += ((follows >> j & 1) * _inverseZero[firstFeature + j] - 1) * _valueTimesK[table + others];
            }
        }
    }

    private static double Factorial(int n)
    {
        var result = 1.0;
        for (var i = 2; i <= n; i++)
            result *= i;
        return result;
    }
}
