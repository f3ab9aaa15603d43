using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Learning.Preprocessing;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Explain;

/// <summary>Global importance of features: total split gain in the trees, and the loss of ranking quality when a feature is shuffled.</summary>
public static class FeatureImportance
{
    /// <summary>Sum of split gains per feature, as a share of all gain.</summary>
    public static double[] Gain(TreeEnsemble ensemble)
    {
        var gains = new double[ensemble.FeatureCount];
        foreach (var tree in ensemble.Trees)
        {
            for (var node = 0; node < tree.NodeCount; node++)
                gains[tree.Feature[node]] += tree.Gain[node];
        }
        var total = gains.Sum();
        if (total > 0)
        {
            for (var f = 0; f < gains.Length; f++)
                gains[f] /= total;
        }
        return gains;
    }

    /// <summary>
    /// Permutation importance: the drop in ROC AUC when one feature's column is shuffled (seeded), for each
    /// feature. <paramref name="predict"/> scores a whole matrix.
    /// </summary>
    public static double[] Permutation(FeatureMatrix matrix, double[] labels, Func<FeatureMatrix, double[]> predict, int seed)
    {
        var baseline = RankingMetrics.RocAuc(predict(matrix), labels);
        var drops = new double[matrix.FeatureCount];
        for (var f = 0; f < matrix.FeatureCount; f++)
        {
            var shuffled = (double[])matrix.Columns[f].Clone();
            new DeterministicRandom((ulong)seed + (ulong)f).Shuffle(shuffled.AsSpan());
            var columns = (double[][])matrix.Columns.Clone();
            columns[f] = shuffled;
            var permuted = new FeatureMatrix(matrix.Features, columns, matrix.RowCount);
            drops[f] = baseline - RankingMetrics.RocAuc(predict(permuted), labels);
        }
        return drops;
    }
}
