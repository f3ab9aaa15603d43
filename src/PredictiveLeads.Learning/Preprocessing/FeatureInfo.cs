namespace PredictiveLeads.Learning.Preprocessing;

/// <summary>One model feature: its name, kind, the input column it comes from and, for categoricals, its levels.</summary>
/// <param name="Name">Feature name; the column name, or column plus suffix for date parts.</param>
/// <param name="Kind">Numeric or categorical.</param>
/// <param name="SourceColumn">The input column this feature is computed from.</param>
/// <param name="Levels">Categorical levels kept, in code order; empty for numeric features.</param>
/// <param name="MissingAs">Numeric features: the value a missing one takes in an ML.NET model (the median of the training rows).</param>
public sealed record FeatureInfo(string Name, FeatureKind Kind, string SourceColumn, IReadOnlyList<string> Levels, double MissingAs = 0)
{
    /// <summary>Code of the group of levels too rare to keep on their own.</summary>
    public int OtherCode => Levels.Count;

    /// <summary>Code of levels never seen in training.</summary>
    public int UnseenCode => Levels.Count + 1;

    /// <summary>Number of distinct codes (kept levels, other, unseen).</summary>
    public int CodeCount => Levels.Count + 2;
}
