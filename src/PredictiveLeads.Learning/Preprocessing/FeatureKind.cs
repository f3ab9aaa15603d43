namespace PredictiveLeads.Learning.Preprocessing;

/// <summary>How the learners treat a model feature.</summary>
public enum FeatureKind
{
    /// <summary>Ordered values split at thresholds.</summary>
    Numeric,

    /// <summary>Category codes split into sets.</summary>
    Categorical,
}
