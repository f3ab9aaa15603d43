namespace PredictiveLeads.Learning.Trees;

/// <summary>The best way found to split one leaf. Rows whose bin "goes left" form the left child.</summary>
public sealed class SplitCandidate
{
    public int Feature { get; init; } = -1;

    /// <summary>Loss reduction of the split.</summary>
    public double Gain { get; init; } = double.NegativeInfinity;

    /// <summary>Numeric splits: value bins up to and including this one go left.</summary>
    public int ThresholdBin { get; init; }

    /// <summary>Whether missing values go left.</summary>
    public bool DefaultLeft { get; init; }

    /// <summary>Categorical splits: the bins that go left (missing bin included when it does); null for numeric splits.</summary>
    public uint[]? LeftCategories { get; init; }

    public LeafSums Left { get; init; }

    public LeafSums Right { get; init; }

    public bool IsValid => Feature >= 0 && double.IsFinite(Gain);

    /// <summary>Whether rows in <paramref name="bin"/> go to the left child.</summary>
    public bool GoesLeft(int bin, int missingBin) =>
        LeftCategories is { } set ? CategorySet.Contains(set, bin)
        : bin == missingBin ? DefaultLeft
        : bin <= ThresholdBin;

    /// <summary>Deterministic order: larger gain first, then the lower feature index.</summary>
    public bool IsBetterThan(SplitCandidate? other) =>
        other is null || !other.IsValid || Gain > other.Gain || (Gain == other.Gain && Feature < other.Feature);
}

/// <summary>Sets of category codes (or bins) as bit arrays of 32-bit words.</summary>
public static class CategorySet
{
    /// <summary>Words needed for codes 0..255.</summary>
    public const int Words = 8;

    public static bool Contains(ReadOnlySpan<uint> set, int code) =>
        code >= 0 && (code >> 5) < set.Length && (set[code >> 5] & (1u << (code & 31))) != 0;

    public static void Add(Span<uint> set, int code) => set[code >> 5] |= 1u << (code & 31);
}
