namespace PredictiveLeads.Learning.Preprocessing;

/// <summary>Settings of the fitted feature pipeline; their ranges are declared in <c>ModelSettings</c>.</summary>
public sealed record PreprocessingOptions
{
    /// <summary>A categorical level seen fewer times than this is grouped with the other rare levels.</summary>
    public int MinCategoryCount { get; init; } = 10;

    /// <summary>At most this many levels are kept per categorical column, the most frequent first.</summary>
    public int MaxCategoryLevels { get; init; } = 250;
}
