using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Tests.Explain;

/// <summary>Shapley values of one tree by their definition: every subset of features, expectations weighted by cover.</summary>
public static class ShapleyBruteForce
{
    public static double[] Values(RegressionTree tree, double[] x)
    {
        var n = x.Length;
        var phi = new double[n];
        for (var feature = 0; feature < n; feature++)
        {
            for (var mask = 0; mask < 1 << n; mask++)
            {
                if ((mask & (1 << feature)) != 0)
                    continue;
                var size = System.Numerics.BitOperations.PopCount((uint)mask);
                var weight = Factorial(size) * Factorial(n - size - 1) / Factorial(n);
                phi[feature] += weight * (Expectation(tree, x, mask | (1 << feature), 0) - Expectation(tree, x, mask, 0));
            }
        }
        return phi;
    }

    /// <summary>E[f(x) | features in <paramref name="known"/>]: follow x on known features, average children by cover otherwise.</summary>
    private static double Expectation(RegressionTree tree, double[] x, int known, int child)
    {
        if (child < 0)
            return tree.LeafValue[~child];
        var feature = tree.Feature[child];
        if ((known & (1 << feature)) != 0)
            return Expectation(tree, x, known, tree.GoesLeft(child, x[feature]) ? tree.Left[child] : tree.Right[child]);
        var left = tree.Left[child];
        var right = tree.Right[child];
        return (Cover(tree, left) * Expectation(tree, x, known, left) + Cover(tree, right) * Expectation(tree, x, known, right)) / tree.NodeCover[child];
    }

    private static double Cover(RegressionTree tree, int child) => child < 0 ? tree.LeafCover[~child] : tree.NodeCover[child];

    private static double Factorial(int k) => k <= 1 ? 1 : k * Factorial(k - 1);
}
