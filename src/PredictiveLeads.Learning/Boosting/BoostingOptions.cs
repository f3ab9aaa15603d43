namespace PredictiveLeads.Learning.Boosting;

/// <summary>
/// Every hyperparameter of gradient boosting, declared once with its default and allowed range.
/// <see cref="Validate"/> runs before training starts.
/// </summary>
public sealed record BoostingOptions
{
    /// <summary>Most trees to grow (fewer when early stopping ends training). Range 1..100,000.</summary>
    public int Trees { get; init; } = 1000;

    /// <summary>Shrinkage applied to each tree's leaf values. Range (0, 1].</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Most leaves per tree; leaves are split best-first. Range 2..4,096.</summary>
    public int MaxLeaves { get; init; } = 31;

    /// <summary>Deepest a leaf may be (root = 0); 0 means no limit. Range 0..64.</summary>
    public int MaxDepth { get; init; } = 8;

    /// <summary>Fewest training rows in a leaf. Range 1..∞.</summary>
    public int MinRowsPerLeaf { get; init; } = 20;

    /// <summary>Smallest sum of hessians in a leaf. Range ≥ 0.</summary>
    public double MinHessianPerLeaf { get; init; } = 1e-3;

    /// <summary>L2 penalty on leaf values (λ). Range ≥ 0.</summary>
    public double L2 { get; init; } = 1.0;

    /// <summary>L1 penalty on leaf values (α). Range ≥ 0.</summary>
    public double L1 { get; init; }

    /// <summary>Smallest loss reduction worth a split (γ). Range ≥ 0.</summary>
    public double MinSplitGain { get; init; }

    /// <summary>Share of rows drawn (without replacement) for each tree. Range (0, 1].</summary>
    public double RowSampleRate { get; init; } = 1.0;

    /// <summary>Share of features drawn for each tree. Range (0, 1].</summary>
    public double FeatureSampleRate { get; init; } = 1.0;

    /// <summary>Stop when the validation loss has not improved for this many trees; 0 turns early stopping off. Range 0..10,000.</summary>
    public int EarlyStoppingRounds { get; init; } = 50;

    /// <summary>Weight of positive rows relative to negatives (for rare outcomes). Range (0, 1,000].</summary>
    public double PositiveWeight { get; init; } = 1.0;

    /// <summary>Most categories placed on the left of a many-vs-many split. Range 1..255.</summary>
    public int MaxCategoriesPerSplit { get; init; } = 32;

    /// <summary>Fewest rows a category needs to be ordered in a many-vs-many split; rarer ones go right. Range 1..∞.</summary>
    public int MinRowsPerCategory { get; init; } = 10;

    /// <summary>Smoothing added to hessians when ordering categories by gradient statistics. Range ≥ 0.</summary>
    public double CategorySmoothing { get; init; } = 10.0;

    /// <summary>Extra L2 penalty for many-vs-many categorical splits, which overfit more easily. Range ≥ 0.</summary>
    public double CategoryL2 { get; init; } = 10.0;

    /// <summary>Seed of row and feature sampling.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Worker threads; the model does not depend on it. Range 1..256.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Check(Trees is >= 1 and <= 100_000, nameof(Trees), Trees, "between 1 and 100000");
        Check(LearningRate is > 0 and <= 1, nameof(LearningRate), LearningRate, "in (0, 1]");
        Check(MaxLeaves is >= 2 and <= 4096, nameof(MaxLeaves), MaxLeaves, "between 2 and 4096");
        Check(MaxDepth is >= 0 and <= 64, nameof(MaxDepth), MaxDepth, "between 0 and 64");
        Check(MinRowsPerLeaf >= 1, nameof(MinRowsPerLeaf), MinRowsPerLeaf, "at least 1");
        Check(MinHessianPerLeaf >= 0, nameof(MinHessianPerLeaf), MinHessianPerLeaf, "at least 0");
        Check(L2 >= 0, nameof(L2), L2, "at least 0");
        Check(L1 >= 0, nameof(L1), L1, "at least 0");
        Check(MinSplitGain >= 0, nameof(MinSplitGain), MinSplitGain, "at least 0");
        Check(RowSampleRate is > 0 and <= 1, nameof(RowSampleRate), RowSampleRate, "in (0, 1]");
        Check(FeatureSampleRate is > 0 and <= 1, nameof(FeatureSampleRate), FeatureSampleRate, "in (0, 1]");
        Check(EarlyStoppingRounds is >= 0 and <= 10_000, nameof(EarlyStoppingRounds), EarlyStoppingRounds, "between 0 and 10000");
        Check(PositiveWeight is > 0 and <= 1000, nameof(PositiveWeight), PositiveWeight, "in (0, 1000]");
        Check(MaxCategoriesPerSplit is >= 1 and <= 255, nameof(MaxCategoriesPerSplit), MaxCategoriesPerSplit, "between 1 and 255");
        Check(MinRowsPerCategory >= 1, nameof(MinRowsPerCategory), MinRowsPerCategory, "at least 1");
        Check(CategorySmoothing >= 0, nameof(CategorySmoothing), CategorySmoothing, "at least 0");
        Check(CategoryL2 >= 0, nameof(CategoryL2), CategoryL2, "at least 0");
        Check(Threads is >= 1 and <= 256, nameof(Threads), Threads, "between 1 and 256");
    }

    private static void Check(bool ok, string name, object value, string range)
    {
        // double.NaN fails every comparison above, so it is rejected too.
        if (!ok)
            throw new ArgumentException($"{name} = {value} is out of range; it must be {range}", name);
    }
}
