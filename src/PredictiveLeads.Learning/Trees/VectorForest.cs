using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PredictiveLeads.Learning.Trees;

/// <summary>
/// A <see cref="FlatForest"/>'s trees of depth ≤ 6 laid out for AVX-512 (VBMI): each tree becomes a full tree of 63
/// splits, and one row decides all 63 at once. A row is one 64-byte vector, a numeric feature's bin or a categorical
/// feature's code class (codes every split on the feature sends alike share one), and one byte permutation fetches every
/// split's byte from it. Numeric splits are one unsigned byte comparison with the split's threshold bin; categorical
/// splits look the class up in the split's set of classes that go right, held as up to eight byte planes, as many as the
/// classes need: the class's bits 3–5 choose the plane (blends), a byte shuffle turns its bits 0–2 into the bit. The 63
/// answers form a 64-bit mask whose lanes put the top three levels first and then each three-level subtree below them,
/// so the leaf is two lookups in a 128-entry table of paths instead of six dependent steps. Batches use it: a block of rows
/// shares each tree's eleven vectors, loaded once. Decisions are the flat forest's own (built from its per-split sets
/// of bins and checked to be expressible), so margins are identical to the bit.
/// </summary>
internal sealed unsafe class VectorForest
{
    public const int Depth = 6;
    private const int Splits = (1 << Depth) - 1;
    private const int Leaves = 1 << Depth;
    private const int VectorBytes = 64;
    private const int Planes = 8;
    private const int VectorsPerTree = 3 + Planes;
    private const int TreeBytes = VectorsPerTree * VectorBytes;
    private const int MissingBin = 255;
    private const int MostClasses = 64;

    private readonly byte[] _trees;
    private readonly double[] _leafValues;
    private readonly int[] _leafSlots;
    private readonly byte[]?[] _classOfBin;
    private readonly int _planes;

    private VectorForest(byte[] trees, double[] leafValues, int[] leafSlots, byte[]?[] classOfBin, int planes)
    {
        _trees = trees;
        _leafValues = leafValues;
        _leafSlots = leafSlots;
        _classOfBin = classOfBin;
        _planes = planes;
    }

    public static bool IsSupported => Avx512Vbmi.IsSupported && Avx512BW.IsSupported;

    public int TreeCount => _leafValues.Length / Leaves;

    /// <summary>
    /// The vector layout of a flat forest's trees, or null when this processor lacks AVX-512 VBMI or a tree cannot be
    /// expressed in it (deeper than six, more than 64 features, a feature whose codes the splits send more than 64 ways, a
    /// numeric split that is not a threshold).
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
        if (!IsSupported || categorical.Length > VectorBytes || depths.Any(d => d > Depth))
            return null;
        var classOfBin = CategoryClasses(roots, categorical, isLeaf, feature, left, goesRight);
        var classes = classOfBin.Max(c => c is null ? 0 : c.Max() + 1);
        if (classes > MostClasses)
            return null;
        var trees = new byte[roots.Count * TreeBytes];
        var leaves = new double[roots.Count * Leaves];
        var leafSlots = new int[roots.Count * Leaves];
        for (var t = 0; t < roots.Count; t++)
        {
            var slots = new int[Splits + Leaves];
            slots[0] = roots[t];
            var tree = trees.AsSpan(t * TreeBytes, TreeBytes);
            for (var p = 0; p < Splits; p++)
            {
                var slot = slots[p];
                // A leaf above the last level becomes splits that always go left, down to a leaf with its value.
                var split = !isLeaf(slot);
                slots[2 * p + 1] = split ? left(slot) : slot;
                slots[2 * p + 2] = split ? left(slot) + 1 : slot;
                if (!TryEncodeSplit(tree, SubtreeLanes.LaneOf(p), split ? slot : -1, classOfBin, feature, goesRight))
                    return null;
            }
            for (var leaf = 0; leaf < Leaves; leaf++)
            {
                leafSlots[t * Leaves + leaf] = slots[Splits + leaf];
                leaves[t * Leaves + leaf] = leafValues[slots[Splits + leaf]];
            }
        }
        return new VectorForest(trees, leaves, leafSlots, classOfBin, PlanesFor(classes));
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

    private readonly struct CountingLeafSlots(int* leafSlots, long* counts) : ILeafVisitor
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Reached(nint row, nint leaf) => counts[leafSlots[leaf]]++;
    }

    /// <summary>Takes each row through each tree, in tree order, handing <paramref name="visitor"/> the leaf it reaches.</summary>
    private void Walk<TVisitor>(byte* bins, int width, int rows, ref TVisitor visitor) where TVisitor : struct, ILeafVisitor
    {
        switch (_planes)
        {
            case 0:
                Walk<TVisitor, NoPlanes>(bins, width, rows, ref visitor);
                break;
            case 1:
                Walk<TVisitor, OnePlane>(bins, width, rows, ref visitor);
                break;
            case 2:
                Walk<TVisitor, TwoPlanes>(bins, width, rows, ref visitor);
                break;
            case 4:
                Walk<TVisitor, FourPlanes>(bins, width, rows, ref visitor);
                break;
            default:
                Walk<TVisitor, EightPlanes>(bins, width, rows, ref visitor);
                break;
        }
    }

    /// <summary>How many code planes a forest's kernel reads: a type, so that each count compiles to its own loop without the unused selects.</summary>
    private interface IPlaneCount
    {
        static abstract int Count { get; }
    }

    private readonly struct NoPlanes : IPlaneCount
    {
        public static int Count => 0;
    }

    private readonly struct OnePlane : IPlaneCount
    {
        public static int Count => 1;
    }

    private readonly struct TwoPlanes : IPlaneCount
    {
        public static int Count => 2;
    }

    private readonly struct FourPlanes : IPlaneCount
    {
        public static int Count => 4;
    }

    private readonly struct EightPlanes : IPlaneCount
    {
        public static int Count => 8;
    }

    private void Walk<TVisitor, TPlanes>(byte* bins, int width, int rows, ref TVisitor visitor)
        where TVisitor : struct, ILeafVisitor
        where TPlanes : struct, IPlaneCount
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
        // The bit within its plane's byte of each class (bits 0-2 of the class), looked up by a byte shuffle, which reads
        // the low four bits of each byte.
        var bitOfClass = Vector512.Create((byte)1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128,
            1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128,
            1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128);
        var planeBit0 = Vector512.Create((byte)8);
        var planeBit1 = Vector512.Create((byte)16);
        var planeBit2 = Vector512.Create((byte)32);
        var v = visitor;
        fixed (byte* trees = _trees)
        fixed (byte* subtreePath = SubtreeLanes.Paths)
        fixed (byte* subtreeShift = SubtreeLanes.LowerShifts)
        fixed (byte* subtreeFirstLeaf = SubtreeLanes.LowerFirstLeaves)
        {
            for (var t = 0; t < TreeCount; t++)
            {
                var tree = trees + t * TreeBytes;
                var features = Vector512.Load(tree);
                var offsets = Vector512.Load(tree + VectorBytes);
                var thresholds = Vector512.Load(tree + 2 * VectorBytes);
                var plane0 = Vector512.Load(tree + 3 * VectorBytes);
                var plane1 = Vector512.Load(tree + 4 * VectorBytes);
                var plane2 = Vector512.Load(tree + 5 * VectorBytes);
                var plane3 = Vector512.Load(tree + 6 * VectorBytes);
                var plane4 = Vector512.Load(tree + 7 * VectorBytes);
                var plane5 = Vector512.Load(tree + 8 * VectorBytes);
                var plane6 = Vector512.Load(tree + 9 * VectorBytes);
                var plane7 = Vector512.Load(tree + 10 * VectorBytes);
                var row = rowVectors;
                var treeLeaves = (nint)t * Leaves;
                for (nint r = 0; r < rows; r++, row += VectorBytes)
                {
                    var value = Avx512Vbmi.PermuteVar64x8(Vector512.Load(row), features);
                    var right = Vector512.GreaterThan(value + offsets, thresholds).ExtractMostSignificantBits();
                    if (TPlanes.Count > 0)
                    {
                        // The byte of each split's class set that holds the row's class, chosen by the class's bits 3-5.
                        var classByte = plane0;
                        if (TPlanes.Count >= 2)
                        {
                            var high0 = Vector512.Equals(value & planeBit0, Vector512<byte>.Zero);
                            classByte = Vector512.ConditionalSelect(high0, plane0, plane1);
                            if (TPlanes.Count >= 4)
                            {
                                var high1 = Vector512.Equals(value & planeBit1, Vector512<byte>.Zero);
                                var planes23 = Vector512.ConditionalSelect(high0, plane2, plane3);
                                classByte = Vector512.ConditionalSelect(high1, classByte, planes23);
                                if (TPlanes.Count == 8)
                                {
                                    var high2 = Vector512.Equals(value & planeBit2, Vector512<byte>.Zero);
                                    var planes45 = Vector512.ConditionalSelect(high0, plane4, plane5);
                                    var planes67 = Vector512.ConditionalSelect(high0, plane6, plane7);
                                    var planes47 = Vector512.ConditionalSelect(high1, planes45, planes67);
                                    classByte = Vector512.ConditionalSelect(high2, classByte, planes47);
                                }
                            }
                        }
                        var bit = Avx512BW.Shuffle(bitOfClass, value);
                        right |= ~Vector512.Equals(classByte & bit, Vector512<byte>.Zero).ExtractMostSignificantBits();
                    }
                    var upper = (nint)(right & SubtreeLanes.Mask);
                    var lower = (nint)((right >> subtreeShift[upper]) & SubtreeLanes.Mask);
                    v.Reached(r, treeLeaves + subtreeFirstLeaf[upper] + subtreePath[lower]);
                }
            }
        }
    }

    /// <summary>The code planes the kernel reads: a power of two, eight classes a plane; none when no split is categorical.</summary>
    private static int PlanesFor(int classes)
    {
        if (classes == 0)
            return 0;
        var planes = 1;
        while (planes * 8 < classes)
            planes *= 2;
        return planes;
    }

    /// <summary>
    /// Per categorical feature, the class of each bin (0–254 codes, 255 missing): bins that every split on the feature
    /// sends the same way share a class, numbered in bin order. Few classes mean few code planes, and a feature may have
    /// any number of categories as long as at most <see cref="MostClasses"/> behave differently. Null for other features.
    /// </summary>
    private static byte[]?[] CategoryClasses(IReadOnlyList<int> roots, bool[] categorical, Func<int, bool> isLeaf, Func<int, int> feature,
        Func<int, int> left, Func<int, int, bool> goesRight)
    {
        var splits = categorical.Select(_ => new List<int>()).ToArray();
        var pending = new Stack<int>(roots);
        while (pending.TryPop(out var slot))
        {
            if (isLeaf(slot))
                continue;
            pending.Push(left(slot));
            pending.Push(left(slot) + 1);
            if (categorical[feature(slot)])
                splits[feature(slot)].Add(slot);
        }
        var classes = new byte[]?[categorical.Length];
        for (var f = 0; f < categorical.Length; f++)
        {
            if (splits[f].Count == 0)
                continue;
            var classOf = new byte[MissingBin + 1];
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var bin = 0; bin <= MissingBin; bin++)
            {
                var signature = string.Create(splits[f].Count, (Slots: splits[f], Bin: bin, GoesRight: goesRight), static (text, state) =>
                {
                    for (var i = 0; i < text.Length; i++)
                        text[i] = state.GoesRight(state.Slots[i], state.Bin) ? '1' : '0';
                });
                if (!seen.TryGetValue(signature, out var found))
                    seen[signature] = found = seen.Count;
                classOf[bin] = (byte)Math.Min(found, byte.MaxValue);
            }
            classes[f] = classOf;
        }
        return classes;
    }

    /// <summary>Writes split <paramref name="position"/> of a tree (slot −1: always left); false when a numeric split is not a threshold.</summary>
    private static bool TryEncodeSplit(Span<byte> tree, int position, int slot, byte[]?[] classOfBin, Func<int, int> feature,
        Func<int, int, bool> goesRight)
    {
        ref var featureByte = ref tree[position];
        ref var offset = ref tree[VectorBytes + position];
        ref var threshold = ref tree[2 * VectorBytes + position];
        featureByte = 0;
        offset = 0;
        threshold = byte.MaxValue;
        if (slot < 0)
            return true;
        var f = feature(slot);
        featureByte = (byte)f;
        if (classOfBin[f] is { } classOf)
        {
            // Only the code planes decide: the comparison never sends right (no byte is above 255). A class goes where each of its bins goes.
            for (var bin = 0; bin <= MissingBin; bin++)
            {
                var code = classOf[bin];
                if (goesRight(slot, bin))
                    tree[(3 + (code >> 3)) * VectorBytes + position] |= (byte)(1 << (code & 7));
            }
            return true;
        }
        // A threshold split: bins 0..k go left, k+1..254 right, missing to its side. Right ⇔ (bin + offset) mod 256 > threshold,
        // where offset 1 turns missing (255) into 0 when missing goes left.
        var lastLeft = -1;
        while (lastLeft + 1 < MissingBin && !goesRight(slot, lastLeft + 1))
            lastLeft++;
        for (var bin = lastLeft + 1; bin < MissingBin; bin++)
        {
            if (!goesRight(slot, bin))
                return false;
        }
        var missingRight = goesRight(slot, MissingBin);
        if (missingRight)
        {
            if (lastLeft < 0)
                return false;
            threshold = (byte)lastLeft;
        }
        else
        {
            offset = 1;
            threshold = (byte)(lastLeft + 1);
        }
        return true;
    }
}
