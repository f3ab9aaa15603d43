namespace PredictiveLeads.Learning.Models;

/// <summary>Which learner a model uses.</summary>
public enum LearnerKind
{
    /// <summary>Gradient-boosted trees.</summary>
    GradientBoosting,

    /// <summary>L2-regularised logistic regression.</summary>
    LogisticRegression,
}
