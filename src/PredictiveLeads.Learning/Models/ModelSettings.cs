using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Settings;

namespace PredictiveLeads.Learning.Models;

/// <summary>
/// Every setting that shapes a model. The command line offers each one, <see cref="TrainingOptions.Validate"/> checks
/// each one, and the model file records each one that applies to its learner (threads never change a model and are
/// not among them).
/// </summary>
public static class ModelSettings
{
    private static Setting<TrainingOptions, int> Int(string key, string option, string description, string range, Func<TrainingOptions, int> get,
        Func<TrainingOptions, int, TrainingOptions> set, Func<int, bool> valid) => new(key, option, description, range, get, set, valid);

    private static Setting<TrainingOptions, double> Real(string key, string option, string description, string range, Func<TrainingOptions, double> get,
        Func<TrainingOptions, double, TrainingOptions> set, Func<double, bool> valid) => new(key, option, description, range, get, set, valid);

    public static readonly Setting<TrainingOptions, LearnerKind> Learner = new("learner", "--learner",
        "lightgbm: gradient-boosted trees by LightGBM through ML.NET; fasttree: ML.NET FastTree; logistic: ML.NET L-BFGS logistic regression.",
        "lightgbm, fasttree or logistic", o => o.Learner, (o, v) => o with { Learner = v }, v => v.Trains(),
        new Dictionary<string, LearnerKind> { ["lightgbm"] = LearnerKind.LightGbm, ["fasttree"] = LearnerKind.FastTree, ["logistic"] = LearnerKind.LogisticRegression });

    public static readonly Setting<TrainingOptions, CalibrationMethod> Calibration = new("calibration", "--calibration",
        "How margins become probabilities, fitted on the validation leads.", "platt, isotonic or none",
        o => o.Calibration ?? CalibrationMethod.Platt, (o, v) => o with { Calibration = v }, _ => true,
        new Dictionary<string, CalibrationMethod> { ["platt"] = CalibrationMethod.Platt, ["isotonic"] = CalibrationMethod.Isotonic, ["none"] = CalibrationMethod.None });

    public static readonly Setting<TrainingOptions, int> Seed = Int("seed", "--seed", "Seed of splits, sampling and the learner.", "any integer",
        o => o.Boosting.Seed, (o, v) => o with { Boosting = o.Boosting with { Seed = v } }, _ => true);

    public static readonly Setting<TrainingOptions, double> ValidationShare = Real("validationShare", "--validation-share",
        "Share of the leads before the test leads used for early stopping and calibration.", "in [0.05, 0.5]",
        o => o.ValidationShare, (o, v) => o with { ValidationShare = v }, v => v is >= 0.05 and <= 0.5);

    public static readonly Setting<TrainingOptions, int> MaxBins = Int("maxBins", "--max-bins", "Most bins per numeric feature.", "between 2 and 255",
        o => o.MaxBins, (o, v) => o with { MaxBins = v }, v => v is >= 2 and <= 255);

    public static readonly Setting<TrainingOptions, int> MinCategoryCount = Int("minCategoryCount", "--min-category-count",
        "Rarer categorical levels are grouped as (other).", "between 1 and 1000000",
        o => o.Preprocessing.MinCategoryCount, (o, v) => o with { Preprocessing = o.Preprocessing with { MinCategoryCount = v } }, v => v is >= 1 and <= 1_000_000);

    public static readonly Setting<TrainingOptions, int> MaxCategoryLevels = Int("maxCategoryLevels", "--max-category-levels",
        "Most levels kept per categorical column, the most frequent first.", "between 2 and 250",
        o => o.Preprocessing.MaxCategoryLevels, (o, v) => o with { Preprocessing = o.Preprocessing with { MaxCategoryLevels = v } }, v => v is >= 2 and <= 250);

    public static readonly Setting<TrainingOptions, double> InverseStrength = Real("inverseStrength", "--inverse-strength",
        "Logistic regression only: inverse L2 strength (as scikit-learn's C).", "greater than 0",
        o => o.LogisticInverseStrength, (o, v) => o with { LogisticInverseStrength = v }, v => v > 0 && double.IsFinite(v));

    /// <summary>The settings of the boosted trees (LightGBM and FastTree); a logistic regression records none of them.</summary>
    public static readonly IReadOnlyList<Setting<TrainingOptions>> Trees =
    [
        Int("trees", "--trees", "Most trees (early stopping may keep fewer).", "between 1 and 100000",
            o => o.Boosting.Trees, (o, v) => o with { Boosting = o.Boosting with { Trees = v } }, v => v is >= 1 and <= 100_000),
        Real("learningRate", "--learning-rate", "Shrinkage per tree.", "in (0, 1]",
            o => o.Boosting.LearningRate, (o, v) => o with { Boosting = o.Boosting with { LearningRate = v } }, v => v is > 0 and <= 1),
        Int("maxLeaves", "--max-leaves", "Most leaves per tree.", "between 2 and 4096",
            o => o.Boosting.MaxLeaves, (o, v) => o with { Boosting = o.Boosting with { MaxLeaves = v } }, v => v is >= 2 and <= 4096),
        Int("maxDepth", "--max-depth", "Deepest leaf (0 = no limit).", "between 0 and 64",
            o => o.Boosting.MaxDepth, (o, v) => o with { Boosting = o.Boosting with { MaxDepth = v } }, v => v is >= 0 and <= 64),
        Int("minRowsPerLeaf", "--min-rows-per-leaf", "Fewest training rows in a leaf.", "at least 1",
            o => o.Boosting.MinRowsPerLeaf, (o, v) => o with { Boosting = o.Boosting with { MinRowsPerLeaf = v } }, v => v >= 1),
        Real("minHessianPerLeaf", "--min-hessian-per-leaf", "Smallest sum of hessians in a leaf.", "at least 0",
            o => o.Boosting.MinHessianPerLeaf, (o, v) => o with { Boosting = o.Boosting with { MinHessianPerLeaf = v } }, v => v >= 0),
        Real("l2", "--l2", "L2 penalty on leaf values.", "at least 0",
            o => o.Boosting.L2, (o, v) => o with { Boosting = o.Boosting with { L2 = v } }, v => v >= 0),
        Real("l1", "--l1", "L1 penalty on leaf values.", "at least 0",
            o => o.Boosting.L1, (o, v) => o with { Boosting = o.Boosting with { L1 = v } }, v => v >= 0),
        Real("minSplitGain", "--min-split-gain", "Smallest loss reduction worth a split.", "at least 0",
            o => o.Boosting.MinSplitGain, (o, v) => o with { Boosting = o.Boosting with { MinSplitGain = v } }, v => v >= 0),
        Real("rowSampleRate", "--row-sample", "Share of rows drawn per tree.", "in (0, 1]",
            o => o.Boosting.RowSampleRate, (o, v) => o with { Boosting = o.Boosting with { RowSampleRate = v } }, v => v is > 0 and <= 1),
        Real("featureSampleRate", "--feature-sample", "Share of features drawn per tree.", "in (0, 1]",
            o => o.Boosting.FeatureSampleRate, (o, v) => o with { Boosting = o.Boosting with { FeatureSampleRate = v } }, v => v is > 0 and <= 1),
        Int("earlyStoppingRounds", "--early-stopping", "Stop after this many trees without validation improvement (0 = off).", "between 0 and 10000",
            o => o.Boosting.EarlyStoppingRounds, (o, v) => o with { Boosting = o.Boosting with { EarlyStoppingRounds = v } }, v => v is >= 0 and <= 10_000),
        Real("positiveWeight", "--positive-weight", "Weight of positive rows, for rare outcomes.", "in (0, 1000]",
            o => o.Boosting.PositiveWeight, (o, v) => o with { Boosting = o.Boosting with { PositiveWeight = v } }, v => v is > 0 and <= 1000),
        Int("maxCategoriesPerSplit", "--max-categories-per-split", "Most categories on one side of a categorical split.", "between 1 and 255",
            o => o.Boosting.MaxCategoriesPerSplit, (o, v) => o with { Boosting = o.Boosting with { MaxCategoriesPerSplit = v } }, v => v is >= 1 and <= 255),
        Int("minRowsPerCategory", "--min-rows-per-category", "Fewest rows a category needs to be ordered in a categorical split.", "at least 1",
            o => o.Boosting.MinRowsPerCategory, (o, v) => o with { Boosting = o.Boosting with { MinRowsPerCategory = v } }, v => v >= 1),
        Real("categorySmoothing", "--category-smoothing", "Smoothing when categories are ordered by their gradient statistics.", "at least 0",
            o => o.Boosting.CategorySmoothing, (o, v) => o with { Boosting = o.Boosting with { CategorySmoothing = v } }, v => v >= 0),
        Real("categoryL2", "--category-l2", "Extra L2 penalty on categorical splits, which overfit more easily.", "at least 0",
            o => o.Boosting.CategoryL2, (o, v) => o with { Boosting = o.Boosting with { CategoryL2 = v } }, v => v >= 0),
    ];

    /// <summary>Every setting that shapes a model, in the order the command line lists them.</summary>
    public static readonly IReadOnlyList<Setting<TrainingOptions>> All =
        [Learner, Calibration, Seed, ValidationShare, MaxBins, MinCategoryCount, MaxCategoryLevels, .. Trees, InverseStrength];

    /// <summary>The settings that shape a model of <paramref name="learner"/>.</summary>
    public static IEnumerable<Setting<TrainingOptions>> For(LearnerKind learner) =>
        All.Where(s => learner.GrowsTrees() ? s != InverseStrength : !Trees.Contains(s));

    /// <summary>What a model file records: key → value as invariant text.</summary>
    public static SortedDictionary<string, string> Recorded(TrainingOptions options) =>
        new(For(options.Learner).ToDictionary(s => s.Key, s => s.Format(options)), StringComparer.Ordinal);
}
