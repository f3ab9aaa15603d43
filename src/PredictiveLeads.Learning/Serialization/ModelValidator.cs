using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Preprocessing;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Serialization;

/// <summary>Checks that a loaded model is internally consistent, so a damaged file is refused instead of mispredicting.</summary>
internal static class ModelValidator
{
    public static void CheckTrees(IReadOnlyList<RegressionTree> trees, IReadOnlyList<FeatureInfo> features, string source)
    {
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            var nodes = tree.Feature.Length;
            var leaves = tree.LeafValue.Length;
            var sameLength = tree.Left.Length == nodes && tree.Right.Length == nodes && tree.Threshold.Length == nodes
                && tree.DefaultLeft.Length == nodes && tree.CategoryOffset.Length == nodes
                && tree.Gain.Length == nodes && tree.NodeCover.Length == nodes && tree.LeafCover.Length == leaves;
            if (!sameLength || leaves != nodes + 1)
                Fail(source, t, "node arrays of different lengths");
            for (var n = 0; n < nodes; n++)
            {
                if (tree.Feature[n] < 0 || tree.Feature[n] >= features.Count)
                    Fail(source, t, $"node {n} uses feature {tree.Feature[n]}, which does not exist");
                foreach (var child in (ReadOnlySpan<int>)[tree.Left[n], tree.Right[n]])
                {
                    if (child >= 0 ? child <= n || child >= nodes : ~child >= leaves)
                        Fail(source, t, $"node {n} has an invalid child {child}");
                }
                var offset = tree.CategoryOffset[n];
                if (offset >= 0 && offset + CategorySet.Words > tree.CategoryWords.Length)
                    Fail(source, t, $"node {n} points past the category sets");
            }
            foreach (var value in tree.LeafValue)
            {
                if (!double.IsFinite(value))
                    Fail(source, t, "a leaf value is not a finite number");
            }
        }
        CheckThresholdCounts(trees, features, source);
    }

    /// <summary>The compiled forest gives each value a byte: a feature split at more distinct values than that cannot be served.</summary>
    private static void CheckThresholdCounts(IReadOnlyList<RegressionTree> trees, IReadOnlyList<FeatureInfo> features, string source)
    {
        var thresholds = features.Select(_ => new HashSet<double>()).ToArray();
        foreach (var tree in trees)
        {
            for (var n = 0; n < tree.NodeCount; n++)
            {
                if (tree.CategoryOffset[n] < 0 && double.IsFinite(tree.Threshold[n]))
                    thresholds[tree.Feature[n]].Add(tree.Threshold[n]);
            }
        }
        for (var f = 0; f < features.Count; f++)
        {
            if (thresholds[f].Count > FlatForest.MaxThresholdsPerFeature)
                throw new ModelFormatException($"{source}: feature '{features[f].Name}' is split at {thresholds[f].Count} different values; at most {FlatForest.MaxThresholdsPerFeature} can be served");
        }
    }

    public static void CheckCalibrator(Calibrator calibrator, string source)
    {
        var ok = calibrator.Method switch
        {
            CalibrationMethod.Platt => double.IsFinite(calibrator.Slope) && double.IsFinite(calibrator.Intercept),
            CalibrationMethod.Isotonic => calibrator.Margins.Count > 0 && calibrator.Margins.Count == calibrator.Probabilities.Count,
            _ => true,
        };
        if (!ok)
            throw new ModelFormatException($"{source}: the calibrator is damaged");
    }

    private static void Fail(string source, int tree, string problem) =>
        throw new ModelFormatException($"{source}: tree {tree}: {problem}");
}
