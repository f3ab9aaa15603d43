namespace PredictiveLeads.Learning.Trees;

/// <summary>Sets of category codes (or bins) as bit arrays of 32-bit words.</summary>
public static class CategorySet
{
    /// <summary>Words needed for codes 0..255.</summary>
    public const int Words = 8;

    public static bool Contains(ReadOnlySpan<uint> set, int code) =>
        code >= 0 && (code >> 5) < set.Length && (set[code >> 5] & (1u << (code & 31))) != 0;

    public static void Add(Span<uint> set, int code) => set[code >> 5] |= 1u << (code & 31);
}
