using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PredictiveLeads.Learning.Trees;

/// <summary>The kernel of trees at most six deep, laid out as full trees of 63 splits (<see cref="SubtreeLanes"/>).</summary>
internal sealed unsafe partial class VectorForest
{
    /// <summary>Each row through each full tree of at most six levels, in tree order; the leaf from two lookups of its path.</summary>
    private void WalkFullTrees<TVisitor, TPlanes>(byte* rowVectors, int rows, ref TVisitor visitor)
        where TVisitor : struct, ILeafVisitor
        where TPlanes : struct, IVectorCount
    {
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
                var tree = trees + t * _treeBytes;
                var features = Vector512.Load(tree);
                var offsets = Vector512.Load(tree + VectorBytes);
                var thresholds = Vector512.Load(tree + 2 * VectorBytes);
                // Only the planes the forest has are read: a single row pays for every vector loaded.
                var plane0 = TPlanes.Count >= 1 ? Vector512.Load(tree + 3 * VectorBytes) : default;
                var plane1 = TPlanes.Count >= 2 ? Vector512.Load(tree + 4 * VectorBytes) : default;
                var plane2 = TPlanes.Count >= 4 ? Vector512.Load(tree + 5 * VectorBytes) : default;
                var plane3 = TPlanes.Count >= 4 ? Vector512.Load(tree + 6 * VectorBytes) : default;
                var plane4 = TPlanes.Count == 8 ? Vector512.Load(tree + 7 * VectorBytes) : default;
                var plane5 = TPlanes.Count == 8 ? Vector512.Load(tree + 8 * VectorBytes) : default;
                var plane6 = TPlanes.Count == 8 ? Vector512.Load(tree + 9 * VectorBytes) : default;
                var plane7 = TPlanes.Count == 8 ? Vector512.Load(tree + 10 * VectorBytes) : default;
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
        visitor = v;
    }
}
