namespace PredictiveLeads.Learning.Models;

/// <summary>Which learner a model uses.</summary>
public enum LearnerKind
{
    /// <summary>Trees grown by our own histogram boosting, retired in December 2026 for LightGBM; its models still load and serve.</summary>
    GradientBoosting,

    /// <summary>L2-regularised logistic regression by ML.NET's L-BFGS.</summary>
    LogisticRegression,

    /// <summary>Gradient-boosted trees grown by LightGBM through ML.NET (the default).</summary>
    LightGbm,

    /// <summary>Gradient-boosted trees grown by ML.NET FastTree.</summary>
    FastTree,

    /// <summary>Our own logistic regression, retired in December 2026 for ML.NET's L-BFGS; its models still load and serve.</summary>
    OwnLogisticRegression,
}

/// <summary>Facts about each learner.</summary>
public static class LearnerKinds
{
    /// <summary>Whether the learner trains through ML.NET and its model is an ML.NET model file.</summary>
    public static bool IsMLNet(this LearnerKind learner) => learner is LearnerKind.LightGbm or LearnerKind.FastTree or LearnerKind.LogisticRegression;

    /// <summary>Whether <c>train</c> can still train the learner (the others' models are only loaded and served).</summary>
    public static bool Trains(this LearnerKind learner) => learner.IsMLNet();

    /// <summary>Whether the learner grows trees (and its model is explained by TreeSHAP).</summary>
    public static bool GrowsTrees(this LearnerKind learner) => learner is LearnerKind.LightGbm or LearnerKind.FastTree or LearnerKind.GradientBoosting;
}
