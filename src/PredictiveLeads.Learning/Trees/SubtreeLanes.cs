using System.Numerics;

namespace PredictiveLeads.Learning.Trees;

/// <summary>
/// Where <see cref="VectorForest"/> puts the 63 splits of a full six-level tree among its 64 lanes, and how a row's
/// 64-bit mask of answers gives its leaf. The top three levels' seven splits come first, then each of the eight
/// three-level subtrees below them, its seven splits in their own level order. A row's leaf is then two lookups in a
/// 128-entry table of three-level paths (the top subtree's, then the one below it) instead of six dependent steps.
/// </summary>
internal static class SubtreeLanes
{
    /// <summary>The seven answers of one three-level subtree, once shifted to the bottom of the mask.</summary>
    public const int Mask = (1 << 7) - 1;

    /// <summary>For a three-level subtree's answers (bit i: its split i in level order goes right), the path to its leaf, 0–7 from the left.</summary>
    public static readonly byte[] Paths = [.. Enumerable.Range(0, Mask + 1).Select(answers => (byte)PathOf(answers))];

    /// <summary>For the top subtree's answers, where the answers of the subtree below it, the one the row goes on to, start in the mask.</summary>
    public static readonly byte[] LowerShifts = [.. Paths.Select(path => (byte)(7 + 7 * path))];

    /// <summary>For the top subtree's answers, the first of the eight leaves under the subtree the row goes on to.</summary>
    public static readonly byte[] LowerFirstLeaves = [.. Paths.Select(path => (byte)(8 * path))];

    /// <summary>The lane of split <paramref name="position"/> (0–62) in the full tree's level order.</summary>
    public static int LaneOf(int position)
    {
        var level = 31 - BitOperations.LeadingZeroCount((uint)position + 1);
        if (level < 3)
            return position;
        var inLevel = position - ((1 << level) - 1);
        var subtree = inLevel >> (level - 3);
        var inSubtreeLevel = inLevel & ((1 << (level - 3)) - 1);
        return 7 + 7 * subtree + (1 << (level - 3)) - 1 + inSubtreeLevel;
    }

    private static int PathOf(int answers)
    {
        var first = answers & 1;
        var second = (answers >> (1 + first)) & 1;
        var third = (answers >> (3 + 2 * first + second)) & 1;
        return 4 * first + 2 * second + third;
    }
}
