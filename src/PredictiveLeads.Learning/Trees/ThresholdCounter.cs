using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PredictiveLeads.Learning.Trees;

/// <summary>
/// Counts how many of a numeric feature's split thresholds (ascending, at most 255) lie below a value: its bin. Where
/// the processor has 512-bit vectors, the thresholds are held in blocks of sixteen, padded with +∞ (never below any
/// value), and the count takes at most four comparisons of eight thresholds each: first against each block's last
/// threshold, which says how many whole blocks lie below, then within the next block. A binary search over 200
/// thresholds is eight loads, each waiting on the one before.
/// </summary>
internal sealed class ThresholdCounter
{
    private const int BlockLength = 16;
    private const int Padded = 256;

    /// <summary>The most thresholds a counter holds: one block's slot stays +∞, so a value above them all still finds a block.</summary>
    public const int MaxThresholds = Padded - 1;
    private readonly double[] _thresholds;
    private readonly double[] _padded;
    private readonly double[] _blockLasts;

    public ThresholdCounter(double[] ascending)
    {
        if (ascending.Length > MaxThresholds)
            throw new ArgumentException($"at most {MaxThresholds} thresholds, not {ascending.Length}", nameof(ascending));
        _thresholds = ascending;
        _padded = new double[Padded];
        _padded.AsSpan().Fill(double.PositiveInfinity);
        ascending.CopyTo(_padded, 0);
        _blockLasts = [.. Enumerable.Range(0, Padded / BlockLength).Select(b => _padded[b * BlockLength + BlockLength - 1])];
    }

    /// <summary>The number of thresholds below <paramref name="value"/> (not NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Below(double value)
    {
        if (!Vector512.IsHardwareAccelerated)
            return BelowBySearch(value);
        var broadcast = Vector512.Create(value);
        ref var padded = ref MemoryMarshal.GetArrayDataReference(_padded);
        var start = 0;
        if (_thresholds.Length > BlockLength)
        {
            ref var lasts = ref MemoryMarshal.GetArrayDataReference(_blockLasts);
            start = BlockLength * (BitOperations.PopCount(Vector512.LessThan(Vector512.LoadUnsafe(ref lasts), broadcast).ExtractMostSignificantBits())
                + BitOperations.PopCount(Vector512.LessThan(Vector512.LoadUnsafe(ref lasts, 8), broadcast).ExtractMostSignificantBits()));
        }
        var count = start + BitOperations.PopCount(Vector512.LessThan(Vector512.LoadUnsafe(ref padded, (nuint)start), broadcast).ExtractMostSignificantBits());
        if (_thresholds.Length > 8)
            count += BitOperations.PopCount(Vector512.LessThan(Vector512.LoadUnsafe(ref padded, (nuint)start + 8), broadcast).ExtractMostSignificantBits());
        return count;
    }

    /// <summary>
    /// The same count by a branch-free binary search: the comparison's outcome is unpredictable, and a conditional inside
    /// a loop is compiled to a jump; as arithmetic it binned a row in half the time.
    /// </summary>
    internal int BelowBySearch(double value)
    {
        var thresholds = _thresholds;
        var length = thresholds.Length;
        if (length == 0)
            return 0;
        var low = 0;
        while (length > 1)
        {
            var half = length >> 1;
            low += half & -Convert.ToInt32(thresholds[low + half - 1] < value);
            length -= half;
        }
        return low + Convert.ToInt32(thresholds[low] < value);
    }
}
