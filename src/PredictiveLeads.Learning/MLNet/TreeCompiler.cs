using Microsoft.ML.Trainers.FastTree;
using PredictiveLeads.Learning.Common;
using RegressionTree = PredictiveLeads.Learning.Trees.RegressionTree;
using PredictiveLeads.Learning.Preprocessing;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.MLNet;

/// <summary>
/// Turns the trees of an ML.NET ensemble (<see cref="RegressionTreeEnsemble"/>, split on slots of the
/// <c>Features</c> vector) into our <see cref="RegressionTree"/>s, split on our features, deciding every row
/// exactly as ML.NET does. A split on a value slot becomes a threshold on the feature (converted to double
/// precision by <see cref="SinglePrecision"/>), with missing values sent where their replacement (the median) goes; a split
/// on a missing indicator sends present values one way and missing ones the other; a categorical split (any
/// of its one-hot slots lit goes right) or a threshold on one one-hot slot becomes a set of category codes.
/// </summary>
public static class TreeCompiler
{
    /// <summary>
    /// The ensemble as our trees, margins summed from 0 as ML.NET sums them (its bias is not part of a score).
    /// Covers are left at 0: they come from the training rows or the saved model (<see cref="SetCovers"/>).
    /// </summary>
    public static IReadOnlyList<RegressionTree> Compile(RegressionTreeEnsemble ensemble, IReadOnlyList<FeatureInfo> features, string source)
    {
        var slots = FeatureSlots.Of(features);
        for (var t = 0; t < ensemble.TreeWeights.Count; t++)
        {
            if (ensemble.TreeWeights[t] != 1)
                throw new ModelFormatException($"{source}: tree {t} has weight {ensemble.TreeWeights[t]}; only unweighted ensembles are supported");
        }
        return [.. ensemble.Trees.Select((tree, t) => Compile(tree, slots, features, $"{source}: tree {t}"))];
    }

    private static RegressionTree Compile(Microsoft.ML.Trainers.FastTree.RegressionTree tree, FeatureSlots slots, IReadOnlyList<FeatureInfo> features, string where)
    {
        var nodes = tree.NumberOfNodes;
        var compiled = new RegressionTree
        {
            Left = [.. tree.LeftChild],
            Right = [.. tree.RightChild],
            Feature = new int[nodes],
            Threshold = new double[nodes],
            DefaultLeft = new bool[nodes],
            CategoryOffset = new int[nodes],
            CategoryWords = new uint[nodes * CategorySet.Words],
            Gain = [.. tree.SplitGains],
            NodeCover = new double[nodes],
            LeafValue = [.. tree.LeafValues],
            LeafCover = new double[tree.NumberOfLeaves],
        };
        for (var node = 0; node < nodes; node++)
        {
            compiled.CategoryOffset[node] = -1;
            if (tree.CategoricalSplitFlags[node])
                CompileCategorical(tree.GetCategoricalSplitFeaturesAt(node), slots, features, compiled, node, where);
            else
                CompileThreshold(tree.NumericalSplitFeatureIndexes[node], tree.NumericalSplitThresholds[node], slots, features, compiled, node, where);
        }
        return compiled;
    }

    /// <summary>
    /// The value goes right when one of the split's slots is lit. A kept level lights its own slot; missing, rare and
    /// unseen values light the no-level slot.
    /// </summary>
    private static void CompileCategorical(IReadOnlyList<int> rightSlots, FeatureSlots slots, IReadOnlyList<FeatureInfo> features, RegressionTree tree,
        int node, string where)
    {
        if (rightSlots.Count == 0)
            throw new ModelFormatException($"{where}: node {node} is a categorical split without categories");
        var feature = -1;
        var noLevelGoesRight = false;
        var words = CategoryWords(tree, node);
        words.Fill(uint.MaxValue);
        foreach (var index in rightSlots)
        {
            var slot = SlotAt(slots, index, where, node);
            if (slot.Role is not (SlotRole.Level or SlotRole.NoLevel) || (feature >= 0 && slot.Feature != feature))
                throw new ModelFormatException($"{where}: node {node} splits on slots that are not the levels of one categorical feature");
            feature = slot.Feature;
            if (slot.Role == SlotRole.NoLevel)
                noLevelGoesRight = true;
            else
                ClearCode(words, slot.Code);
        }
        if (noLevelGoesRight)
        {
            ClearCode(words, features[feature].OtherCode);
            ClearCode(words, features[feature].UnseenCode);
        }
        tree.Feature[node] = feature;
        tree.CategoryOffset[node] = node * CategorySet.Words;
        tree.DefaultLeft[node] = !noLevelGoesRight;
    }

    private static void ClearCode(Span<uint> words, int code) => words[code >> 5] &= ~(1u << (code & 31));

    private static void CompileThreshold(int index, float threshold, FeatureSlots slots, IReadOnlyList<FeatureInfo> features, RegressionTree tree, int node, string where)
    {
        var slot = SlotAt(slots, index, where, node);
        tree.Feature[node] = slot.Feature;
        var zeroGoesLeft = 0f <= threshold;
        var oneGoesLeft = 1f <= threshold;
        switch (slot.Role)
        {
            case SlotRole.Value:
                tree.Threshold[node] = SinglePrecision.LargestDoubleAtMost(threshold);
                tree.DefaultLeft[node] = (float)features[slot.Feature].MissingAs <= threshold;
                break;
            case SlotRole.Missing:
                tree.Threshold[node] = zeroGoesLeft ? double.PositiveInfinity : double.NegativeInfinity;
                tree.DefaultLeft[node] = oneGoesLeft;
                break;
            case SlotRole.Level:
                // A threshold on one level's slot: that level is 1, every other code and a missing value are 0.
                SetCodes(tree, node, code => code == slot.Code ? oneGoesLeft : zeroGoesLeft);
                tree.DefaultLeft[node] = zeroGoesLeft;
                break;
            default:
                // A threshold on the no-level slot: missing, rare and unseen values are 1, kept levels 0.
                var info = features[slot.Feature];
                SetCodes(tree, node, code => code == info.OtherCode || code == info.UnseenCode ? oneGoesLeft : zeroGoesLeft);
                tree.DefaultLeft[node] = oneGoesLeft;
                break;
        }
    }

    /// <summary>Makes the node categorical, sending left the codes <paramref name="goesLeft"/> picks.</summary>
    private static void SetCodes(RegressionTree tree, int node, Func<int, bool> goesLeft)
    {
        var words = CategoryWords(tree, node);
        for (var code = 0; code < 256; code++)
        {
            if (goesLeft(code))
                CategorySet.Add(words, code);
        }
        tree.CategoryOffset[node] = node * CategorySet.Words;
    }

    private static Span<uint> CategoryWords(RegressionTree tree, int node) => tree.CategoryWords.AsSpan(node * CategorySet.Words, CategorySet.Words);

    private static FeatureSlot SlotAt(FeatureSlots slots, int index, string where, int node) =>
        index >= 0 && index < slots.Count ? slots[index]
            : throw new ModelFormatException($"{where}: node {node} splits on slot {index}, but the features have {slots.Count} slots");

    /// <summary>Sets a tree's leaf covers and derives each node's cover as the sum of its two children's.</summary>
    public static void SetCovers(RegressionTree tree, IReadOnlyList<double> leafCovers)
    {
        for (var leaf = 0; leaf < tree.LeafCount; leaf++)
            tree.LeafCover[leaf] = leafCovers[leaf];
        if (tree.NodeCount > 0)
            Cover(tree, 0);
    }

    private static double Cover(RegressionTree tree, int child)
    {
        if (child < 0)
            return tree.LeafCover[~child];
        return tree.NodeCover[child] = Cover(tree, tree.Left[child]) + Cover(tree, tree.Right[child]);
    }

    /// <summary>An ensemble of compiled trees; the base margin is 0 because ML.NET adds no bias to a score.</summary>
    public static TreeEnsemble Ensemble(IReadOnlyList<RegressionTree> trees, int featureCount) => new(0, trees, featureCount);
}
