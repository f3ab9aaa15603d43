using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Explain;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Tests.Explain;

public sealed class TreeShapTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>LightGBM trees trained on a synthetic table, and that table's rows as their features.</summary>
    private (TreeEnsemble Ensemble, Learning.Preprocessing.FeatureMatrix Matrix) Trained(int seed, int trees, int leaves, int depth)
    {
        var table = SyntheticMatrix.Table(_temp, 3000, seed);
        var model = SyntheticMatrix.Train(table, new BoostingOptions { Trees = trees, MaxLeaves = leaves, MaxDepth = depth, Threads = 1, EarlyStoppingRounds = 0 }).Model;
        return (model.Ensemble!, SyntheticMatrix.Features(model, table).Matrix);
    }

    /// <summary>
    /// x0 ≤ 0.5 ? (x1 ≤ 0.3 ? leaf0 : (x0 ≤ 0.2 ? leaf2 : leaf3)) : (x2 missing→left, ≤ 1 ? leaf1 : leaf4).
    /// Feature 0 appears twice on one path, which exercises the unwinding step.
    /// </summary>
    private static RegressionTree TinyTree() => new()
    {
        Feature = [0, 1, 2, 0],
        Left = [1, ~0, ~1, ~2],
        Right = [2, 3, ~4, ~3],
        Threshold = [0.5, 0.3, 1.0, 0.2],
        DefaultLeft = [false, true, true, false],
        CategoryOffset = [-1, -1, -1, -1],
        CategoryWords = [],
        Gain = [1, 1, 1, 1],
        NodeCover = [100, 60, 40, 35],
        LeafValue = [0.4, -0.2, 1.1, -0.7, 0.25],
        LeafCover = [25, 30, 15, 20, 10],
    };

    [Theory]
    [InlineData(0.1, 0.1, 0.5)]
    [InlineData(0.1, 0.9, 3.0)]
    [InlineData(0.4, 0.9, double.NaN)]
    [InlineData(0.9, double.NaN, 2.0)]
    [InlineData(0.9, 0.2, 0.0)]
    public void Equals_brute_force_shapley_values_on_a_tiny_tree(double x0, double x1, double x2)
    {
        var tree = TinyTree();
        var ensemble = new TreeEnsemble(0, [tree], 3);
        double[] x = [x0, x1, x2];

        var phi = new double[3];
        new TreeShap(ensemble).Explain(x, phi);

        var expected = ShapleyBruteForce.Values(tree, x);
        for (var f = 0; f < 3; f++)
            Assert.Equal(expected[f], phi[f], 10);
    }

    [Fact]
    public void Contributions_sum_to_the_margin_minus_the_expected_margin()
    {
        var (ensemble, matrix) = Trained(seed: 11, trees: 30, leaves: 16, depth: 6);
        var shap = new TreeShap(ensemble);
        var row = new double[matrix.FeatureCount];

        for (var r = 0; r < 50; r++)
        {
            matrix.CopyRow(r, row);
            var phi = new double[matrix.FeatureCount];
            shap.Explain(row, phi);
            Assert.Equal(ensemble.PredictMargin(row) - shap.ExpectedMargin, phi.Sum(), 9);
        }
    }

    [Fact]
    public void Per_leaf_tables_give_the_recursive_algorithms_values_on_a_trained_ensemble()
    {
        var (ensemble, matrix) = Trained(seed: 12, trees: 40, leaves: 31, depth: 8);
        var tabulated = new TreeShap(ensemble);
        var recursive = new TreeShap(ensemble, tabulate: false);
        var row = new double[matrix.FeatureCount];

        for (var r = 0; r < 200; r++)
        {
            matrix.CopyRow(r, row);
            if (r % 3 == 0)
                row[r % row.Length] = double.NaN;
            var fast = new double[row.Length];
            var slow = new double[row.Length];
            tabulated.Explain(row, fast);
            recursive.Explain(row, slow);
            for (var f = 0; f < row.Length; f++)
                Assert.Equal(slow[f], fast[f], 10);
        }
    }

    [Fact]
    public void Tables_stay_within_their_memory_budget_and_the_trees_past_it_are_still_explained_exactly()
    {
        var (ensemble, matrix) = Trained(seed: 13, trees: 30, leaves: 16, depth: 6);
        var unbounded = new TreeShap(ensemble);
        var budget = unbounded.TableBytes / 3;

        var bounded = new TreeShap(ensemble, tabulate: true, tableBudgetBytes: budget);

        Assert.InRange(bounded.TableBytes, 1, budget);
        Assert.InRange(bounded.TabulatedTrees, 1, unbounded.TabulatedTrees - 1);
        var row = new double[matrix.FeatureCount];
        for (var r = 0; r < 50; r++)
        {
            matrix.CopyRow(r, row);
            var expected = new double[row.Length];
            var actual = new double[row.Length];
            unbounded.Explain(row, expected);
            bounded.Explain(row, actual);
            for (var f = 0; f < row.Length; f++)
                Assert.Equal(expected[f], actual[f], 10);
        }
    }

    [Fact]
    public void A_path_with_more_distinct_features_than_tables_hold_is_explained_recursively_and_still_exactly()
    {
        // A caterpillar: node i splits feature i and sends values above 0.5 to leaf i; the deepest leaf's path has 12 features.
        const int depth = 12;
        var tree = new RegressionTree
        {
            Feature = [.. Enumerable.Range(0, depth)],
            Left = [.. Enumerable.Range(0, depth).Select(i => i + 1 < depth ? i + 1 : ~depth)],
            Right = [.. Enumerable.Range(0, depth).Select(i => ~i)],
            Threshold = [.. Enumerable.Repeat(0.5, depth)],
            DefaultLeft = new bool[depth],
            CategoryOffset = [.. Enumerable.Repeat(-1, depth)],
            CategoryWords = [],
            Gain = [.. Enumerable.Repeat(1.0, depth)],
            NodeCover = [.. Enumerable.Range(0, depth).Select(i => 4096.0 / (1 << i))],
            LeafValue = [.. Enumerable.Range(0, depth + 1).Select(i => Math.Sin(i))],
            LeafCover = [.. Enumerable.Range(0, depth).Select(i => 2048.0 / (1 << i)).Append(1.0)],
        };
        Assert.Null(LeafPatternTables.TryBuild(tree));
        double[] x = [.. Enumerable.Range(0, depth).Select(i => i % 4 == 3 ? 0.9 : 0.1)];

        var phi = new double[depth];
        new TreeShap(new TreeEnsemble(0, [tree], depth)).Explain(x, phi);

        var expected = ShapleyBruteForce.Values(tree, x);
        for (var f = 0; f < depth; f++)
            Assert.Equal(expected[f], phi[f], 10);
    }
}
