using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PredictiveLeads.Learning.Trees;

/// <summary>The kernel of deeper trees of at most 31 splits, laid out as their leaves' left turns.</summary>
internal sealed unsafe partial class VectorForest
{
    /// <summary>
    /// Each row through each tree of at most 31 splits, in tree order: the same decisions as <see cref="WalkFullTrees"/>
    /// on 32 lanes (half vectors: the row's 64 bytes are the permutation's two tables), then the leftmost leaf none of
    /// whose left turns the row answered right. Half vectors halve what each tree reads and, on processors that split
    /// 512-bit work in two, the work itself: one row 1.20 to 0.73 µs for became_sql's 99 trees.
    /// </summary>
    private void WalkPaths<TVisitor, TPlanes>(byte* rowVectors, int rows, ref TVisitor visitor)
        where TVisitor : struct, ILeafVisitor
        where TPlanes : struct, IVectorCount
    {
        var bitOfClass = Vector256.Create((byte)1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128,
            1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128);
        var planeBit0 = Vector256.Create((byte)8);
        var planeBit1 = Vector256.Create((byte)16);
        var planeBit2 = Vector256.Create((byte)32);
        var v = visitor;
        fixed (byte* trees = _trees)
        {
            for (var t = 0; t < TreeCount; t++)
            {
                var tree = trees + t * _treeBytes;
                var features = Vector256.Load(tree);
                var offsets = Vector256.Load(tree + SplitLanes);
                var thresholds = Vector256.Load(tree + 2 * SplitLanes);
                var plane0 = TPlanes.Count >= 1 ? Vector256.Load(tree + 3 * SplitLanes) : default;
                var plane1 = TPlanes.Count >= 2 ? Vector256.Load(tree + 4 * SplitLanes) : default;
                var plane2 = TPlanes.Count >= 4 ? Vector256.Load(tree + 5 * SplitLanes) : default;
                var plane3 = TPlanes.Count >= 4 ? Vector256.Load(tree + 6 * SplitLanes) : default;
                var plane4 = TPlanes.Count == 8 ? Vector256.Load(tree + 7 * SplitLanes) : default;
                var plane5 = TPlanes.Count == 8 ? Vector256.Load(tree + 8 * SplitLanes) : default;
                var plane6 = TPlanes.Count == 8 ? Vector256.Load(tree + 9 * SplitLanes) : default;
                var plane7 = TPlanes.Count == 8 ? Vector256.Load(tree + 10 * SplitLanes) : default;
                var paths = (uint*)(tree + PathOffset);
                var leftTurns0 = Vector512.Load(paths);
                var leftTurns1 = Vector512.Load(paths + PathLanes);
                var row = rowVectors;
                var treeLeaves = (nint)t * Leaves;
                for (nint r = 0; r < rows; r++, row += VectorBytes)
                {
                    var value = Avx512Vbmi.VL.PermuteVar32x8x2(Vector256.Load(row), features, Vector256.Load(row + 32));
                    var right = Vector256.GreaterThan(value + offsets, thresholds).ExtractMostSignificantBits();
                    // The same plane selection as WalkFullTrees's on half vectors: Vector256 and Vector512 share no public
                    // interface to write it once for both.
                    if (TPlanes.Count > 0)
                    {
                        var classByte = plane0;
                        if (TPlanes.Count >= 2)
                        {
                            var high0 = Vector256.Equals(value & planeBit0, Vector256<byte>.Zero);
                            classByte = Vector256.ConditionalSelect(high0, plane0, plane1);
                            if (TPlanes.Count >= 4)
                            {
                                var high1 = Vector256.Equals(value & planeBit1, Vector256<byte>.Zero);
                                var planes23 = Vector256.ConditionalSelect(high0, plane2, plane3);
                                classByte = Vector256.ConditionalSelect(high1, classByte, planes23);
                                if (TPlanes.Count == 8)
                                {
                                    var high2 = Vector256.Equals(value & planeBit2, Vector256<byte>.Zero);
                                    var planes45 = Vector256.ConditionalSelect(high0, plane4, plane5);
                                    var planes67 = Vector256.ConditionalSelect(high0, plane6, plane7);
                                    var planes47 = Vector256.ConditionalSelect(high1, planes45, planes67);
                                    classByte = Vector256.ConditionalSelect(high2, classByte, planes47);
                                }
                            }
                        }
                        var bit = Avx2.Shuffle(bitOfClass, value);
                        right |= ~Vector256.Equals(classByte & bit, Vector256<byte>.Zero).ExtractMostSignificantBits();
                    }
                    // The leftmost leaf none of whose left turns the row answered right.
                    var answers = Vector512.Create(right);
                    var reached = Vector512.Equals(answers & leftTurns0, Vector512<uint>.Zero).ExtractMostSignificantBits()
                        | Vector512.Equals(answers & leftTurns1, Vector512<uint>.Zero).ExtractMostSignificantBits() << PathLanes;
                    v.Reached(r, treeLeaves + BitOperations.TrailingZeroCount(reached));
                }
            }
        }
        visitor = v;
    }
}
