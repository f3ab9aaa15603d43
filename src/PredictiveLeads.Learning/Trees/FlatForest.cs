using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.Trees;

/// <summary>
/// The trees of an ensemble compiled for fast prediction. Each row is first turned into one byte per feature:
/// its position among the thresholds the forest uses on that feature (<see cref="ThresholdCounter"/>), its category code, or
/// <see cref="MissingBin"/>. Every split then becomes the same question — is this byte in the node's set of
/// bins that go right? — answered with one bit test and no branch. A node's children sit side by side
/// (right = left + 1) and a leaf points to itself, so each tree is walked a fixed number of steps (its depth).
/// Batches walk a block of rows through one tree level by level: the rows are independent, so the processor
/// overlaps them instead of waiting on one row's chain of loads. Where the processor has AVX-512 VBMI and the forest
/// fits (trees at most six deep, or deeper with at most 31 splits), <see cref="VectorForest"/> decides all of a row's
/// splits in a tree at once instead, for batches and single rows alike.
/// Decisions are exactly the trees' own (<c>x ≤ threshold</c>, category sets, missing values to the default side).
/// </summary>
public sealed class FlatForest
{
    private const int BlockRows = 64;
    private const int MissingBin = 255;
    private const int WordsPerNode = 256 / 32;
    private const int Lanes = 8;

    /// <summary>The most distinct thresholds one numeric feature may be split at: its bins, one byte with one value for missing.</summary>
    public const int MaxThresholdsPerFeature = MissingBin - 1;

    private readonly Node[] _nodes;
    private readonly uint[] _rightBins;
    private readonly double[] _leafValues;
    private readonly int[] _roots;
    private readonly int[] _depths;
    private readonly int[] _laneGroupDepths;
    private readonly ThresholdCounter[] _thresholdCounters;
    private readonly bool[] _categorical;
    private readonly double _baseMargin;
    private readonly int[][] _leafSlots;
    private readonly VectorForest? _vectors;

    /// <summary>A split on <see cref="Feature"/> with children at <see cref="Left"/> and <see cref="Left"/> + 1; a leaf has Left = itself.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Node(int Feature, int Left);

    private FlatForest(double baseMargin, Node[] nodes, uint[] rightBins, double[] leafValues, int[] roots, int[] depths, double[][] thresholds, bool[] categorical,
        int[][] leafSlots)
    {
        _leafSlots = leafSlots;
        _baseMargin = baseMargin;
        _nodes = nodes;
        _rightBins = rightBins;
        _leafValues = leafValues;
        _roots = roots;
        _depths = depths;
        // A leaf points to itself, so walking a tree past its own depth stays on its leaf.
        _laneGroupDepths = [.. depths.Chunk(Lanes).Where(group => group.Length == Lanes).Select(group => group.Max())];
        _thresholdCounters = [.. thresholds.Select(t => new ThresholdCounter(t))];
        _categorical = categorical;
        _vectors = VectorForest.TryCreate(roots, depths, categorical, leafValues,
            isLeaf: slot => nodes[slot].Left == slot,
            feature: slot => nodes[slot].Feature,
            left: slot => nodes[slot].Left,
            goesRight: (slot, bin) => ((rightBins[slot * WordsPerNode + (bin >> 5)] >> (bin & 31)) & 1) != 0);
    }

    /// <summary>Whether batches are scored with AVX-512 (<see cref="VectorForest"/>) rather than walked a level at a time.</summary>
    internal bool UsesVectors => _vectors is not null;

    public static FlatForest From(double baseMargin, IReadOnlyList<RegressionTree> trees, int featureCount)
    {
        var categorical = new bool[featureCount];
        var thresholds = ForestThresholds(trees, featureCount, categorical);
        if (thresholds.FirstOrDefault(t => t.Length > MaxThresholdsPerFeature) is { } tooMany)
            throw new ArgumentException($"feature {Array.IndexOf(thresholds, tooMany)} is split at {tooMany.Length} different values; a compiled forest holds at most {MaxThresholdsPerFeature}", nameof(trees));
        var nodes = new List<Node>();
        var rightBins = new List<uint>();
        var leafValues = new List<double>();
        var roots = new int[trees.Count];
        var depths = new int[trees.Count];
        var leafSlots = new int[trees.Count][];
        var pending = new Queue<(int Slot, int Child, int Depth)>();
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            leafSlots[t] = new int[tree.LeafCount];
            roots[t] = AddSlots(1);
            // Breadth first, giving each split's two children adjacent slots.
            pending.Enqueue((roots[t], tree.NodeCount == 0 ? ~0 : 0, 0));
            while (pending.TryDequeue(out var item))
            {
                var (slot, child, depth) = item;
                depths[t] = Math.Max(depths[t], depth);
                if (child < 0)
                {
                    nodes[slot] = new Node(0, slot);
                    leafValues[slot] = tree.LeafValue[~child];
                    leafSlots[t][~child] = slot;
                    continue;
                }
                var left = AddSlots(2);
                nodes[slot] = new Node(tree.Feature[child], left);
                WriteRightBins(tree, child, thresholds, CollectionsMarshal.AsSpan(rightBins).Slice(slot * WordsPerNode, WordsPerNode));
                pending.Enqueue((left, tree.Left[child], depth + 1));
                pending.Enqueue((left + 1, tree.Right[child], depth + 1));
            }
        }
        return new FlatForest(baseMargin, [.. nodes], [.. rightBins], [.. leafValues], roots, depths, thresholds, categorical, leafSlots);

        int AddSlots(int count)
        {
            var first = nodes.Count;
            for (var i = 0; i < count; i++)
            {
                nodes.Add(default);
                leafValues.Add(0);
                rightBins.AddRange(new uint[WordsPerNode]);
            }
            return first;
        }
    }

    /// <summary>The margin (log-odds) of one row of features. Allocates nothing.</summary>
    public double PredictMargin(ReadOnlySpan<double> features)
    {
        Span<byte> bins = stackalloc byte[features.Length];
        for (var f = 0; f < features.Length; f++)
            bins[f] = BinOf(f, features[f]);
        if (_vectors is not null)
            return _vectors.AddMargin(bins, _baseMargin);
        var nodes = _nodes.AsSpan();
        var rightBins = _rightBins.AsSpan();
        var margin = _baseMargin;
        var t = 0;
        // Eight trees walked side by side: one tree's steps wait on each other's loads, eight independent walks overlap.
        for (var group = 0; group < _laneGroupDepths.Length; group++, t += Lanes)
        {
            int a = _roots[t], b = _roots[t + 1], c = _roots[t + 2], d = _roots[t + 3];
            int e = _roots[t + 4], f = _roots[t + 5], g = _roots[t + 6], h = _roots[t + 7];
            for (var level = _laneGroupDepths[group]; level > 0; level--)
            {
                a = Step(nodes, rightBins, a, bins);
                b = Step(nodes, rightBins, b, bins);
                c = Step(nodes, rightBins, c, bins);
                d = Step(nodes, rightBins, d, bins);
                e = Step(nodes, rightBins, e, bins);
                f = Step(nodes, rightBins, f, bins);
                g = Step(nodes, rightBins, g, bins);
                h = Step(nodes, rightBins, h, bins);
            }
            // Added in tree order, one at a time, so the margin is the batch path's to the last bit.
            margin += _leafValues[a];
            margin += _leafValues[b];
            margin += _leafValues[c];
            margin += _leafValues[d];
            margin += _leafValues[e];
            margin += _leafValues[f];
            margin += _leafValues[g];
            margin += _leafValues[h];
        }
        for (; t < _roots.Length; t++)
        {
            var at = _roots[t];
            for (var level = _depths[t]; level > 0; level--)
                at = Step(nodes, rightBins, at, bins);
            margin += _leafValues[at];
        }
        return margin;
    }

    /// <summary>Margins of rows [start, start + count) of <paramref name="matrix"/> into <paramref name="margins"/>.</summary>
    public void PredictMargins(FeatureMatrix matrix, int start, int count, Span<double> margins) =>
        PredictMargins(matrix, start, count, margins, _vectors);

    /// <summary>The same margins walked a level at a time, without the vector layout.</summary>
    internal void PredictMarginsWithoutVectors(FeatureMatrix matrix, int start, int count, Span<double> margins) =>
        PredictMargins(matrix, start, count, margins, vectors: null);

    private unsafe void PredictMargins(FeatureMatrix matrix, int start, int count, Span<double> margins, VectorForest? vectors)
    {
        var block = new byte[BlockRows * matrix.FeatureCount];
        var at = stackalloc int[BlockRows];
        var at2 = stackalloc int[BlockRows];
        fixed (double* leafValues = _leafValues)
        fixed (byte* bins = block)
        {
            for (var blockStart = 0; blockStart < count; blockStart += BlockRows)
            {
                var rows = Math.Min(BlockRows, count - blockStart);
                BinBlock(matrix, start + blockStart, rows, bins);
                var output = margins.Slice(blockStart, rows);
                output.Fill(_baseMargin);
                if (vectors is not null)
                {
                    vectors.AddMargins(bins, matrix.FeatureCount, rows, output);
                    continue;
                }
                for (var t = 0; t < _roots.Length; t += 2)
                {
                    var pair = WalkBlock(bins, matrix.FeatureCount, rows, t, at, at2);
                    // Added one tree after the other, in tree order, so a batch gives the single-row path's exact margins.
                    for (var r = 0; r < rows; r++)
                    {
                        output[r] += leafValues[at[r]];
                        if (pair)
                            output[r] += leafValues[at2[r]];
                    }
                }
            }
        }
    }

    /// <summary>For every tree and leaf, how many rows of <paramref name="matrix"/> reach it (counted in parallel, summed exactly).</summary>
    public double[][] LeafRowCounts(FeatureMatrix matrix, int threads)
    {
        const int chunk = 4096;
        var chunks = (matrix.RowCount + chunk - 1) / chunk;
        var total = new long[_nodes.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, chunks, parallel, () => new long[_nodes.Length], (c, _, counts) =>
        {
            var start = c * chunk;
            CountLeaves(matrix, start, Math.Min(chunk, matrix.RowCount - start), counts);
            return counts;
        }, counts =>
        {
            lock (total)
            {
                for (var i = 0; i < total.Length; i++)
                    total[i] += counts[i];
            }
        });
        return [.. _leafSlots.Select(slots => slots.Select(slot => (double)total[slot]).ToArray())];
    }

    private unsafe void CountLeaves(FeatureMatrix matrix, int start, int count, long[] counts)
    {
        var block = new byte[BlockRows * matrix.FeatureCount];
        var at = stackalloc int[BlockRows];
        var at2 = stackalloc int[BlockRows];
        fixed (byte* bins = block)
        {
            for (var blockStart = 0; blockStart < count; blockStart += BlockRows)
            {
                var rows = Math.Min(BlockRows, count - blockStart);
                BinBlock(matrix, start + blockStart, rows, bins);
                if (_vectors is not null)
                {
                    _vectors.CountLeaves(bins, matrix.FeatureCount, rows, counts);
                    continue;
                }
                for (var t = 0; t < _roots.Length; t += 2)
                {
                    var pair = WalkBlock(bins, matrix.FeatureCount, rows, t, at, at2);
                    for (var r = 0; r < rows; r++)
                        counts[at[r]]++;
                    if (!pair)
                        continue;
                    for (var r = 0; r < rows; r++)
                        counts[at2[r]]++;
                }
            }
        }
    }

    /// <summary>The bins of rows [first, first + rows) of <paramref name="matrix"/>, row by row, <c>width</c> bytes each.</summary>
    private unsafe void BinBlock(FeatureMatrix matrix, int first, int rows, byte* bins)
    {
        var width = matrix.FeatureCount;
        for (var f = 0; f < width; f++)
        {
            var column = matrix.Columns[f].AsSpan(first, rows);
            if (_categorical[f])
            {
                for (var r = 0; r < rows; r++)
                    bins[r * width + f] = BinOf(f, column[r]);
                continue;
            }
            var counter = _thresholdCounters[f];
            for (var r = 0; r < rows; r++)
            {
                var value = column[r];
                bins[r * width + f] = double.IsNaN(value) ? (byte)MissingBin : (byte)counter.Below(value);
            }
        }
    }

    /// <summary>
    /// Walks a block of binned rows to their leaves in tree <paramref name="tree"/> (slots into <paramref name="at"/>) and,
    /// when there is one, tree <paramref name="tree"/> + 1 (into <paramref name="at2"/>), level by level: the rows and the
    /// two trees are independent work for the processor to overlap. Returns whether the second tree was walked.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe bool WalkBlock(byte* bins, int width, int rows, int tree, int* at, int* at2)
    {
        fixed (Node* nodes = _nodes)
        fixed (uint* rightBins = _rightBins)
        {
            if (tree + 1 >= _roots.Length)
            {
                var root = _roots[tree];
                for (var r = 0; r < rows; r++)
                    at[r] = root;
                for (var level = _depths[tree]; level > 0; level--)
                {
                    var rowBins = bins;
                    for (var r = 0; r < rows; r++, rowBins += width)
                    {
                        var index = at[r];
                        var node = nodes[index];
                        int bin = rowBins[node.Feature];
                        var word = rightBins[index * WordsPerNode + (bin >> 5)];
                        at[r] = node.Left + (int)((word >> (bin & 31)) & 1);
                    }
                }
                return false;
            }
            var firstRoot = _roots[tree];
            var secondRoot = _roots[tree + 1];
            for (var r = 0; r < rows; r++)
            {
                at[r] = firstRoot;
                at2[r] = secondRoot;
            }
            for (var level = Math.Max(_depths[tree], _depths[tree + 1]); level > 0; level--)
            {
                var rowBins = bins;
                for (var r = 0; r < rows; r++, rowBins += width)
                {
                    var first = at[r];
                    var second = at2[r];
                    var firstNode = nodes[first];
                    var secondNode = nodes[second];
                    int firstBin = rowBins[firstNode.Feature];
                    int secondBin = rowBins[secondNode.Feature];
                    var firstWord = rightBins[first * WordsPerNode + (firstBin >> 5)];
                    var secondWord = rightBins[second * WordsPerNode + (secondBin >> 5)];
                    at[r] = firstNode.Left + (int)((firstWord >> (firstBin & 31)) & 1);
                    at2[r] = secondNode.Left + (int)((secondWord >> (secondBin & 31)) & 1);
                }
            }
            return true;
        }
    }

    private static int Step(ReadOnlySpan<Node> nodes, ReadOnlySpan<uint> rightBins, int at, ReadOnlySpan<byte> bins)
    {
        var node = nodes[at];
        int bin = bins[node.Feature];
        var word = rightBins[at * WordsPerNode + (bin >> 5)];
        return node.Left + (int)((word >> (bin & 31)) & 1);
    }

    private byte BinOf(int feature, double value)
    {
        if (double.IsNaN(value))
            return MissingBin;
        if (_categorical[feature])
            return (byte)Math.Clamp((int)value, 0, MissingBin - 1);
        // The number of thresholds below the value, so that x <= thresholds[k] exactly when bin <= k.
        return (byte)_thresholdCounters[feature].Below(value);
    }

    /// <summary>Per numeric feature, the distinct finite thresholds its splits use, ascending.</summary>
    private static double[][] ForestThresholds(IReadOnlyList<RegressionTree> trees, int featureCount, bool[] categorical)
    {
        var sets = new SortedSet<double>[featureCount];
        for (var f = 0; f < featureCount; f++)
            sets[f] = [];
        foreach (var tree in trees)
        {
            for (var n = 0; n < tree.NodeCount; n++)
            {
                if (tree.CategoryOffset[n] >= 0)
                    categorical[tree.Feature[n]] = true;
                else if (double.IsFinite(tree.Threshold[n]))
                    sets[tree.Feature[n]].Add(tree.Threshold[n]);
            }
        }
        return [.. sets.Select(s => s.ToArray())];
    }

    private static void WriteRightBins(RegressionTree tree, int node, double[][] thresholds, Span<uint> words)
    {
        var offset = tree.CategoryOffset[node];
        var categories = offset >= 0 ? tree.CategoryWords.AsSpan(offset, CategorySet.Words) : default;
        var lastLeftBin = offset >= 0 ? -1 : ThresholdBin(thresholds[tree.Feature[node]], tree.Threshold[node]);
        for (var bin = 0; bin < MissingBin; bin++)
        {
            var left = offset >= 0 ? CategorySet.Contains(categories, bin) : bin <= lastLeftBin;
            if (!left)
                CategorySet.Add(words, bin);
        }
        if (!tree.DefaultLeft[node])
            CategorySet.Add(words, MissingBin);
    }

    /// <summary>The last prediction bin that goes left for a numeric threshold (all present values for +∞, none for −∞).</summary>
    private static int ThresholdBin(double[] thresholds, double threshold) =>
        double.IsFinite(threshold) ? Array.BinarySearch(thresholds, threshold) : threshold > 0 ? MissingBin - 1 : -1;
}
