using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace PredictiveLeads.Learning.Trees;

/// <summary>
/// A <see cref="FlatForest"/>'s trees laid out for AVX-512 (VBMI), so that a row decides all of a tree's splits at
/// once. A row is one 64-byte vector, a numeric feature's bin or a categorical feature's code class (codes every split
/// on the feature sends alike share one), and one byte permutation fetches every split's byte from it. Numeric splits are
/// one unsigned byte comparison with the split's threshold bin; categorical splits look the class up in the split's set
/// of classes that go right, held as up to eight byte planes, as many as the classes need: the class's bits 3–5 choose the
/// plane (blends), a byte shuffle turns its bits 0–2 into the bit. The answers form a 64-bit mask, and the leaf follows
/// from it in one of two ways. Trees at most six deep become full trees of 63 splits whose lanes put the top three levels
/// first and then each three-level subtree below them, so the leaf is two lookups in a 128-entry table of paths
/// (<see cref="SubtreeLanes"/>). Deeper trees of at most 31 splits (LightGBM's default 31 leaves at any depth) keep their
/// own splits, their leaves numbered from the left, and each leaf holds its left turns as a 32-bit mask (the splits on
/// its path whose left subtree holds it). The row's leaf is the leftmost one none of whose left turns it answered right
/// (the dual of QuickScorer, Lucchese et al., SIGIR 2015), sixteen leaves tested a vector: no lookup waits on another,
/// where a row's walk down eight levels is eight loads in a row. Batches use it, a block of rows
/// sharing each tree's vectors, loaded once; so does a single row. Decisions are the flat forest's own (built from its
/// per-split sets of bins and checked to be expressible), so margins are identical to the bit.
/// </summary>
internal sealed unsafe partial class VectorForest
{
    /// <summary>The deepest trees laid out as full trees; deeper ones are laid out as their leaves' paths.</summary>
    public const int Depth = 6;

    /// <summary>The most splits of a tree deeper than <see cref="Depth"/>: its 32 leaves fill two vectors of 32-bit lanes.</summary>
    public const int MostSplits = 31;
    private const int Splits = (1 << Depth) - 1;
    private const int Leaves = 64;
    private const int VectorBytes = 64;
    private const int Planes = 8;
    private const int FullTreeBytes = (3 + Planes) * VectorBytes;

    /// <summary>A path tree's split lanes: its features, offsets, thresholds and planes are half vectors.</summary>
    private const int SplitLanes = 32;

    /// <summary>Where a path tree's left turns start: after its eleven half vectors (352 bytes), on a cache line of their own.</summary>
    private const int PathOffset = 384;
    private const int PathVectors = 2;
    private const int PathLanes = VectorBytes / sizeof(uint);
    private const int MissingBin = 255;
    private const int MostClasses = 64;

    private readonly byte[] _trees;
    private readonly double[] _leafValues;
    private readonly int[] _leafSlots;
    private readonly byte[]?[] _classOfBin;
    private readonly int _planes;
    private readonly bool _paths;
    private readonly int _treeBytes;

    private VectorForest(byte[] trees, double[] leafValues, int[] leafSlots, byte[]?[] classOfBin, int planes, bool paths)
    {
        _trees = trees;
        _leafValues = leafValues;
        _leafSlots = leafSlots;
        _classOfBin = classOfBin;
        _planes = planes;
        _paths = paths;
        _treeBytes = TreeBytes(paths);
    }

    public static bool IsSupported => Avx512Vbmi.IsSupported && Avx512BW.IsSupported;

    public int TreeCount => _leafValues.Length / Leaves;

    /// <summary>Whether trees are laid out as their leaves' paths (some are deeper than <see cref="Depth"/>) rather than as full trees.</summary>
    public bool UsesPaths => _paths;

    private static int TreeBytes(bool paths) => paths ? PathOffset + PathVectors * VectorBytes : FullTreeBytes;

    /// <summary>
    /// The vector layout of a flat forest's trees, or null when this processor lacks AVX-512 VBMI or a tree cannot be
    /// expressed in it (deeper than six and more than 31 splits, more than 64 features, a feature whose codes the splits send more than 64
    /// ways, a numeric split that is not a threshold).
    /// </summary>
    /// <param name="roots">Each tree's root slot.</param>
    /// <param name="depths">Each tree's depth.</param>
    /// <param name="categorical">Per feature, whether its bins are category codes.</param>
    /// <param name="leafValues">Each leaf slot's value.</param>
    /// <param name="isLeaf">Whether a slot is a leaf.</param>
    /// <param name="feature">A split slot's feature.</param>
    /// <param name="left">A split slot's left child; the right child is the next slot.</param>
    /// <param name="goesRight">Whether a split slot sends a bin (0–255, 255 missing) right.</param>
    public static VectorForest? TryCreate(IReadOnlyList<int> roots, IReadOnlyList<int> depths, bool[] categorical, double[] leafValues,
        Func<int, bool> isLeaf, Func<int, int> feature, Func<int, int> left, Func<int, int, bool> goesRight)
    {
        if (!IsSupported || categorical.Length > VectorBytes)
            return null;
        var paths = depths.Any(d => d > Depth);
        if (paths && roots.Any(root => SplitCount(root, isLeaf, left) > MostSplits))
            return null;
        var classOfBin = CategoryClasses(roots, categorical, isLeaf, feature, left, goesRight);
        var classes = classOfBin.Max(c => c is null ? 0 : c.Max() + 1);
        if (classes > MostClasses)
            return null;
        var treeBytes = TreeBytes(paths);
        var trees = new byte[roots.Count * treeBytes];
        var leafSlots = new int[roots.Count * Leaves];
        for (var t = 0; t < roots.Count; t++)
        {
            var tree = trees.AsSpan(t * treeBytes, treeBytes);
            var slots = leafSlots.AsSpan(t * Leaves, Leaves);
            var encoded = paths
                ? TryEncodePaths(tree, roots[t], slots, classOfBin, isLeaf, feature, left, goesRight)
                : TryEncodeFullTree(tree, roots[t], slots, classOfBin, isLeaf, feature, left, goesRight);
            if (!encoded)
                return null;
        }
        var leaves = leafSlots.Select(slot => leafValues[slot]).ToArray();
        return new VectorForest(trees, leaves, leafSlots, classOfBin, PlanesFor(classes), paths);
    }

    /// <summary>
    /// Adds the trees' leaf values, in tree order, to <paramref name="margins"/> for <paramref name="rows"/> rows of bins
    /// (<see cref="FlatForest"/>'s: row by row, one byte per feature, <paramref name="width"/> bytes a row).
    /// </summary>
    public void AddMargins(byte* bins, int width, int rows, Span<double> margins)
    {
        fixed (double* leafValues = _leafValues)
        fixed (double* output = margins)
        {
            var adding = new AddingLeafValues(leafValues, output);
            Walk(bins, width, rows, ref adding);
        }
    }

    /// <summary>One row's margin: <paramref name="margin"/> plus each tree's leaf value, added in tree order as for a batch.</summary>
    public double AddMargin(ReadOnlySpan<byte> bins, double margin)
    {
        // Summed in a register: through memory, each tree's addition waited on the store of the one before.
        fixed (double* leafValues = _leafValues)
        fixed (byte* row = bins)
        {
            var summing = new SummingLeafValues(leafValues, margin);
            Walk(row, bins.Length, 1, ref summing);
            return summing.Sum;
        }
    }

    /// <summary>Adds, for every tree and row, one to the count of the flat forest's leaf slot the row reaches.</summary>
    public void CountLeaves(byte* bins, int width, int rows, long[] slotCounts)
    {
        fixed (int* leafSlots = _leafSlots)
        fixed (long* counts = slotCounts)
        {
            var counting = new CountingLeafSlots(leafSlots, counts);
            Walk(bins, width, rows, ref counting);
        }
    }

    /// <summary>What is done with the leaf a row reaches in a tree, numbered 64 × the tree's index + 0–63 of its full tree.</summary>
    private interface ILeafVisitor
    {
        void Reached(nint row, nint leaf);
    }

    private readonly struct AddingLeafValues(double* leafValues, double* margins) : ILeafVisitor
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Reached(nint row, nint leaf) => margins[row] += leafValues[leaf];
    }

    private struct SummingLeafValues(double* leafValues, double margin) : ILeafVisitor
    {
        public double Sum = margin;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Reached(nint row, nint leaf) => Sum += leafValues[leaf];
    }

    private readonly struct CountingLeafSlots(int* leafSlots, long* counts) : ILeafVisitor
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Reached(nint row, nint leaf) => counts[leafSlots[leaf]]++;
    }

    /// <summary>Takes each row through each tree, in tree order, handing <paramref name="visitor"/> the leaf it reaches.</summary>
    private void Walk<TVisitor>(byte* bins, int width, int rows, ref TVisitor visitor) where TVisitor : struct, ILeafVisitor
    {
        // Per row, one 64-byte vector: a numeric feature's bin, a categorical feature's code class.
        var rowVectors = stackalloc byte[rows * VectorBytes];
        new Span<byte>(rowVectors, rows * VectorBytes).Clear();
        for (var r = 0; r < rows; r++)
        {
            var row = rowVectors + r * VectorBytes;
            for (var f = 0; f < width; f++)
            {
                var bin = bins[r * width + f];
                row[f] = _classOfBin[f] is { } classOf ? classOf[bin] : bin;
            }
        }
        switch (_planes)
        {
            case 0:
                Walk<TVisitor, None>(rowVectors, rows, ref visitor);
                break;
            case 1:
                Walk<TVisitor, One>(rowVectors, rows, ref visitor);
                break;
            case 2:
                Walk<TVisitor, Two>(rowVectors, rows, ref visitor);
                break;
            case 4:
                Walk<TVisitor, Four>(rowVectors, rows, ref visitor);
                break;
            default:
                Walk<TVisitor, Eight>(rowVectors, rows, ref visitor);
                break;
        }
    }

    private void Walk<TVisitor, TPlanes>(byte* rowVectors, int rows, ref TVisitor visitor)
        where TVisitor : struct, ILeafVisitor
        where TPlanes : struct, IVectorCount
    {
        if (_paths)
            WalkPaths<TVisitor, TPlanes>(rowVectors, rows, ref visitor);
        else
            WalkFullTrees<TVisitor, TPlanes>(rowVectors, rows, ref visitor);
    }

    /// <summary>
    /// How many code planes or path vectors a forest's kernel reads: a type, so that each count compiles to its own
    /// loop without the unused loads and selects.
    /// </summary>
    private interface IVectorCount
    {
        static abstract int Count { get; }
    }

    private readonly struct None : IVectorCount
    {
        public static int Count => 0;
    }

    private readonly struct One : IVectorCount
    {
        public static int Count => 1;
    }

    private readonly struct Two : IVectorCount
    {
        public static int Count => 2;
    }

    private readonly struct Four : IVectorCount
    {
        public static int Count => 4;
    }

    private readonly struct Eight : IVectorCount
    {
        public static int Count => 8;
    }
}
