namespace PredictiveLeads.Learning.Boosting;

/// <summary>
/// The hyperparameters of gradient boosting with their defaults; their ranges, command-line options and recorded names
/// are declared in <c>ModelSettings</c>.
/// </summary>
public sealed record BoostingOptions
{
    /// <summary>Most trees to grow (fewer when early stopping ends training).</summary>
    public int Trees { get; init; } = 1000;

    /// <summary>Shrinkage applied to each tree's leaf values.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Most leaves per tree; leaves are split best-first.</summary>
    public int MaxLeaves { get; init; } = 31;

    /// <summary>Deepest a leaf may be (root = 0); 0 means no limit.</summary>
    public int MaxDepth { get; init; } = 8;

    /// <summary>Fewest training rows in a leaf.</summary>
    public int MinRowsPerLeaf { get; init; } = 20;

    /// <summary>Smallest sum of hessians in a leaf.</summary>
    public double MinHessianPerLeaf { get; init; } = 1e-3;

    /// <summary>L2 penalty on leaf values (λ).</summary>
    public double L2 { get; init; } = 1.0;

    /// <summary>L1 penalty on leaf values (α).</summary>
    public double L1 { get; init; }

    /// <summary>Smallest loss reduction worth a split (γ).</summary>
    public double MinSplitGain { get; init; }

    /// <summary>Share of rows drawn (without replacement) for each tree.</summary>
    public double RowSampleRate { get; init; } = 1.0;

    /// <summary>Share of features drawn for each tree.</summary>
    public double FeatureSampleRate { get; init; } = 1.0;

    /// <summary>Stop when the validation loss has not improved for this many trees; 0 turns early stopping off.</summary>
    public int EarlyStoppingRounds { get; init; } = 50;

    /// <summary>Weight of positive rows relative to negatives (for rare outcomes).</summary>
    public double PositiveWeight { get; init; } = 1.0;

    /// <summary>Most categories placed on the left of a many-vs-many split.</summary>
    public int MaxCategoriesPerSplit { get; init; } = 32;

    /// <summary>Fewest rows a category needs to be ordered in a many-vs-many split; rarer ones go right.</summary>
    public int MinRowsPerCategory { get; init; } = 10;

    /// <summary>Smoothing added to hessians when ordering categories by gradient statistics.</summary>
    public double CategorySmoothing { get; init; } = 10.0;

    /// <summary>Extra L2 penalty for many-vs-many categorical splits, which overfit more easily.</summary>
    public double CategoryL2 { get; init; } = 10.0;

    /// <summary>Seed of row and feature sampling.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Worker threads; the model does not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws <see cref="ArgumentException"/> when the thread count is out of range; the settings that shape a model are checked where they are declared, in <c>ModelSettings</c>.</summary>
    public void Validate()
    {
        if (Threads is < 1 or > 256)
            throw new ArgumentException($"threads = {Threads} is out of range; it must be between 1 and 256", nameof(Threads));
    }
}
