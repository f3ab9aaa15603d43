namespace PredictiveLeads.Learning.Preprocessing;

/// <summary>Settings of the fitted feature pipeline.</summary>
public sealed record PreprocessingOptions
{
    /// <summary>A categorical level seen fewer times than this is grouped with the other rare levels. Range 1..1,000,000.</summary>
    public int MinCategoryCount { get; init; } = 10;

    /// <summary>At most this many levels are kept per categorical column, the most frequent first. Range 2..250.</summary>
    public int MaxCategoryLevels { get; init; } = 250;

    public void Validate()
    {
        if (MinCategoryCount is < 1 or > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(MinCategoryCount), MinCategoryCount, "must be between 1 and 1,000,000");
        if (MaxCategoryLevels is < 2 or > 250)
            throw new ArgumentOutOfRangeException(nameof(MaxCategoryLevels), MaxCategoryLevels, "must be between 2 and 250");
    }
}
