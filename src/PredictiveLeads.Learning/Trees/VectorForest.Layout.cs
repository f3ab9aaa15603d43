using System.Runtime.InteropServices;

namespace PredictiveLeads.Learning.Trees;

/// <summary>How a flat forest's trees are encoded in vectors: as full trees or as their leaves' paths, and each split's lane.</summary>
internal sealed partial class VectorForest
{
    private static int SplitCount(int root, Func<int, bool> isLeaf, Func<int, int> left) =>
        isLeaf(root) ? 0 : 1 + SplitCount(left(root), isLeaf, left) + SplitCount(left(root) + 1, isLeaf, left);

    /// <summary>A tree at most six deep as a full tree of 63 splits in <see cref="SubtreeLanes"/> order; its 64 leaf slots into <paramref name="leafSlots"/>.</summary>
    private static bool TryEncodeFullTree(Span<byte> tree, int root, Span<int> leafSlots, byte[]?[] classOfBin, Func<int, bool> isLeaf, Func<int, int> feature,
        Func<int, int> left, Func<int, int, bool> goesRight)
    {
        var slots = new int[Splits + Leaves];
        slots[0] = root;
        for (var p = 0; p < Splits; p++)
        {
            var slot = slots[p];
            // A leaf above the last level becomes splits that always go left, down to a leaf with its value.
            var split = !isLeaf(slot);
            slots[2 * p + 1] = split ? left(slot) : slot;
            slots[2 * p + 2] = split ? left(slot) + 1 : slot;
            if (!TryEncodeSplit(tree, SubtreeLanes.LaneOf(p), split ? slot : -1, classOfBin, feature, goesRight, VectorBytes))
                return false;
        }
        slots.AsSpan(Splits).CopyTo(leafSlots);
        return true;
    }

    /// <summary>
    /// A tree of at most 31 splits, a lane each (depth first), and its leaves numbered from the left, leaf l's left turns
    /// (the splits on its path whose left subtree holds it) in lane l of the two path vectors. A row reaches the leftmost
    /// leaf none of whose left turns it answered right: each leaf to the left of its own is in the left subtree of a split
    /// where its path went right. Lanes past the tree's splits never go right; lanes past its leaves turn left everywhere,
    /// so they come after the row's leaf if they match (their slots are the root's).
    /// </summary>
    private static bool TryEncodePaths(Span<byte> tree, int root, Span<int> leafSlots, byte[]?[] classOfBin, Func<int, bool> isLeaf,
        Func<int, int> feature, Func<int, int> left, Func<int, int, bool> goesRight)
    {
        for (var lane = 0; lane < SplitLanes; lane++)
            TryEncodeSplit(tree, lane, -1, classOfBin, feature, goesRight, SplitLanes);
        var leftTurns = MemoryMarshal.Cast<byte, uint>(tree.Slice(PathOffset, PathVectors * VectorBytes));
        leftTurns.Fill(uint.MaxValue);
        leafSlots.Fill(root);
        var lanes = 0;
        var leaves = 0;
        var pending = new Stack<(int Slot, uint LeftTurns)>();
        pending.Push((root, 0));
        // Depth first, the left subtree before the right, so leaves are numbered from the left.
        while (pending.TryPop(out var item))
        {
            var (slot, turns) = item;
            if (isLeaf(slot))
            {
                leftTurns[leaves] = turns;
                leafSlots[leaves++] = slot;
                continue;
            }
            var lane = lanes++;
            if (!TryEncodeSplit(tree, lane, slot, classOfBin, feature, goesRight, SplitLanes))
                return false;
            pending.Push((left(slot) + 1, turns));
            pending.Push((left(slot), turns | 1u << lane));
        }
        return true;
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

    /// <summary>
    /// Writes split <paramref name="position"/> of a tree (slot −1: always left) whose vectors have <paramref name="stride"/>
    /// lanes (64 for full trees, 32 for path trees); false when a numeric split is not a threshold.
    /// </summary>
    private static bool TryEncodeSplit(Span<byte> tree, int position, int slot, byte[]?[] classOfBin, Func<int, int> feature,
        Func<int, int, bool> goesRight, int stride)
    {
        ref var featureByte = ref tree[position];
        ref var offset = ref tree[stride + position];
        ref var threshold = ref tree[2 * stride + position];
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
                    tree[(3 + (code >> 3)) * stride + position] |= (byte)(1 << (code & 7));
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
