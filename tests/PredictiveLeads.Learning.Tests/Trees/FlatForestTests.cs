using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Preprocessing;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Tests.Trees;

public sealed class FlatForestTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Compiled_forest_takes_the_same_decisions_as_the_trees()
    {
        var (model, test) = TrainedWithTestRows(seed: 21, new BoostingOptions { Trees = 43, MaxLeaves = 24, MaxDepth = 0, Threads = 2, EarlyStoppingRounds = 0 });
        var ensemble = model.Ensemble!;
        // 43 trees of uneven depths: five groups walked eight side by side, three one at a time.
        // Values the trees never saw: far outside the range, exactly on thresholds, unseen categories, missing everywhere.
        var x0 = model.Pipeline.Features.ToList().FindIndex(f => f.Name == "x0");
        var segment = model.Pipeline.Features.ToList().FindIndex(f => f.Name == "segment");
        var x3 = model.Pipeline.Features.ToList().FindIndex(f => f.Name == "x3");
        var columns = test.Columns;
        var thresholds = ThresholdsOf(ensemble, x0);
        Assert.NotEmpty(thresholds);
        for (var r = 0; r < 300; r++)
        {
            columns[x0][r] = r % 3 == 0 ? 1e9 : thresholds[r % thresholds.Length];
            columns[segment][r] = r % 2 == 0 ? model.Pipeline.Features[segment].UnseenCode : double.NaN;
            columns[x3][r] = double.NaN;
        }
        var matrix = new FeatureMatrix(test.Features, columns, test.RowCount);

        var batch = new double[matrix.RowCount];
        ensemble.Flat.PredictMargins(matrix, 0, matrix.RowCount, batch);

        var row = new double[matrix.FeatureCount];
        for (var r = 0; r < matrix.RowCount; r++)
        {
            matrix.CopyRow(r, row);
            var expected = ensemble.BaseMargin;
            foreach (var tree in ensemble.Trees)
                expected += tree.Predict(row);
            Assert.Equal(expected, batch[r], 12);
            Assert.Equal(batch[r], ensemble.PredictMargin(row));
        }
    }

    [Fact]
    public void Every_category_code_and_missing_value_goes_where_the_trees_send_it()
    {
        // Feature 0 is categorical, feature 1 numeric. Node 0 sends codes 3, 40, 61 and 62+ left (one 64-bit mask);
        // node 1 sends 5, 70 and 200 left (codes above 61 differ: the full set); node 2 is numeric with missing left.
        var narrow = Set([3, 40, 61, .. Enumerable.Range(62, 193)]);
        var wide = Set([5, 70, 200]);
        var tree = new RegressionTree
        {
            Feature = [0, 0, 1],
            Left = [1, ~0, ~2],
            Right = [2, ~1, ~3],
            Threshold = [0, 0, 0.5],
            DefaultLeft = [false, true, true],
            CategoryOffset = [0, CategorySet.Words, -1],
            CategoryWords = [.. narrow, .. wide],
            Gain = [1, 1, 1],
            NodeCover = [100, 60, 40],
            LeafValue = [1, 2, 3, 4],
            LeafCover = [30, 30, 20, 20],
        };
        var ensemble = new TreeEnsemble(0.25, [tree], 2);
        double[] numbers = [double.NaN, double.NegativeInfinity, -1, 0.5, 0.5000001, 1e300];
        var (rows, matrix) = EveryCodeWith(numbers);

        var batch = new double[rows.Length];
        ensemble.Flat.PredictMargins(matrix, 0, rows.Length, batch);

        for (var r = 0; r < rows.Length; r++)
        {
            double[] row = [rows[r].c, rows[r].x];
            var expected = 0.25 + tree.Predict(row);
            Assert.True(expected == batch[r], $"code {rows[r].c}, x {rows[r].x}: {batch[r]} instead of {expected}");
            Assert.Equal(expected, ensemble.PredictMargin(row));
        }
    }

    [Fact]
    public void A_forest_of_depth_six_gives_the_same_margins_to_the_bit_with_vectors_as_walked_a_level_at_a_time()
    {
        var (model, test) = TrainedWithTestRows(seed: 31, new BoostingOptions { Trees = 60, MaxLeaves = 63, MaxDepth = 6, Threads = 2, EarlyStoppingRounds = 0 });
        var ensemble = model.Ensemble!;
        Assert.Contains(ensemble.Trees, t => t.CategoryOffset.Any(o => o >= 0));
        WithEdgeValues(model, test, far: -1e300);

        var vectors = new double[test.RowCount];
        var walked = new double[test.RowCount];
        ensemble.Flat.PredictMargins(test, 0, test.RowCount, vectors);
        ensemble.Flat.PredictMarginsWithoutVectors(test, 0, test.RowCount, walked);

        Assert.Equal(VectorForest.IsSupported, ensemble.Flat.UsesVectors);
        var row = new double[test.FeatureCount];
        for (var r = 0; r < test.RowCount; r++)
        {
            Assert.True(walked[r] == vectors[r], $"row {r}: {vectors[r]} with vectors, {walked[r]} walked");
            test.CopyRow(r, row);
            Assert.Equal(ensemble.BaseMargin + ensemble.Trees.Sum(t => t.Predict(row)), vectors[r], 12);
        }
    }

    [Fact]
    public void Leaf_row_counts_of_a_forest_of_depth_six_are_the_trees_own()
    {
        var (model, test) = TrainedWithTestRows(seed: 37, new BoostingOptions { Trees = 40, MaxLeaves = 63, MaxDepth = 6, Threads = 2, EarlyStoppingRounds = 0 });
        var ensemble = model.Ensemble!;
        var segment = model.Pipeline.Features.ToList().FindIndex(f => f.Name == "segment");
        for (var r = 0; r < 300; r++)
            test.Columns[segment][r] = r % 2 == 0 ? double.NaN : 254;

        var counts = ensemble.Flat.LeafRowCounts(test, threads: 2);

        Assert.Equal(VectorForest.IsSupported, ensemble.Flat.UsesVectors);
        var expected = ensemble.Trees.Select(t => new double[t.LeafCount]).ToArray();
        var row = new double[test.FeatureCount];
        for (var r = 0; r < test.RowCount; r++)
        {
            test.CopyRow(r, row);
            for (var t = 0; t < expected.Length; t++)
                expected[t][ensemble.Trees[t].LeafIndex(row)]++;
        }
        for (var t = 0; t < expected.Length; t++)
            Assert.Equal(expected[t], counts[t]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void With_vectors_every_category_code_and_missing_value_goes_where_the_trees_send_it(bool missingLeft)
    {
        // Codes past the largest one a set names all go the same way.
        var tree = new RegressionTree
        {
            Feature = [0, 0, 1, 1],
            Left = [1, ~0, 3, ~2],
            Right = [2, ~1, ~4, ~3],
            Threshold = [0, 0, 0.5, -2],
            DefaultLeft = [missingLeft, !missingLeft, missingLeft, !missingLeft],
            CategoryOffset = [0, CategorySet.Words, -1, -1],
            CategoryWords = [.. Set([0, 7, 8, 33, 61]), .. Set([1, 2, 3, 60])],
            Gain = [1, 1, 1, 1],
            NodeCover = [100, 60, 40, 20],
            LeafValue = [1, 2, 3, 4, 5],
            LeafCover = [30, 30, 20, 10, 10],
        };
        var ensemble = new TreeEnsemble(0.25, [tree], 2);
        double[] numbers = [double.NaN, double.NegativeInfinity, -2, -1.5, 0.5, 0.5000001, 1e300];
        var (rows, matrix) = EveryCodeWith(numbers);

        var batch = new double[rows.Length];
        ensemble.Flat.PredictMargins(matrix, 0, rows.Length, batch);

        Assert.Equal(VectorForest.IsSupported, ensemble.Flat.UsesVectors);
        for (var r = 0; r < rows.Length; r++)
        {
            var expected = 0.25 + tree.Predict([rows[r].c, rows[r].x]);
            Assert.True(expected == batch[r], $"code {rows[r].c}, x {rows[r].x}: {batch[r]} instead of {expected}");
        }
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(5, false)]
    [InlineData(12, false)]
    [InlineData(30, false)]
    [InlineData(60, false)]
    [InlineData(90, false)]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(12, true)]
    [InlineData(30, true)]
    [InlineData(60, true)]
    [InlineData(90, true)]
    public void Codes_that_behave_in_any_number_of_ways_go_where_the_trees_send_them(int groups, bool deep)
    {
        // Two trees split on the category only, each split sending a random union of code groups right (missing is a
        // group of its own): the codes behave in about `groups` ways, which decides how many code planes the vector
        // kernel reads (1 to 8 for up to 64 ways); 90 ways are more than it holds, so the trees are walked. The trees are
        // full trees of depth six, or (deep) chains of 31 splits each with a leaf on its left, laid out as leaf paths.
        var random = new DeterministicRandom(7);
        var groupOf = Enumerable.Range(0, 256).Select(bin => bin == 255 ? groups : random.Next(groups)).ToArray();
        var splits = deep ? VectorForest.MostSplits : (1 << VectorForest.Depth) - 1;
        int LeftOf(int n) => deep ? ~n : 2 * n + 1 < splits ? 2 * n + 1 : ~(2 * n + 1 - splits);
        int RightOf(int n) => deep ? (n + 1 < splits ? n + 1 : ~splits) : 2 * n + 2 < splits ? 2 * n + 2 : ~(2 * n + 2 - splits);
        RegressionTree CategoryTree()
        {
            var words = new List<uint>();
            var missingLeft = new bool[splits];
            for (var n = 0; n < splits; n++)
            {
                var right = Enumerable.Range(0, groups + 1).Select(_ => random.Next(2) == 1).ToArray();
                words.AddRange(Set(Enumerable.Range(0, 255).Where(code => !right[groupOf[code]])));
                missingLeft[n] = !right[groups];
            }
            return new RegressionTree
            {
                Feature = new int[splits],
                Left = [.. Enumerable.Range(0, splits).Select(LeftOf)],
                Right = [.. Enumerable.Range(0, splits).Select(RightOf)],
                Threshold = new double[splits],
                DefaultLeft = missingLeft,
                CategoryOffset = [.. Enumerable.Range(0, splits).Select(n => n * CategorySet.Words)],
                CategoryWords = [.. words],
                Gain = [.. Enumerable.Repeat(1.0, splits)],
                NodeCover = [.. Enumerable.Repeat(1.0, splits)],
                LeafValue = [.. Enumerable.Range(0, splits + 1).Select(leaf => leaf / 8.0)],
                LeafCover = [.. Enumerable.Repeat(1.0, splits + 1)],
            };
        }
        var trees = new[] { CategoryTree(), CategoryTree() };
        var ensemble = new TreeEnsemble(0.5, trees, 2);
        var (rows, matrix) = EveryCodeWith([0.0]);

        var batch = new double[rows.Length];
        ensemble.Flat.PredictMargins(matrix, 0, rows.Length, batch);
        var counts = ensemble.Flat.LeafRowCounts(matrix, threads: 1);

        Assert.Equal(VectorForest.IsSupported && groups < 64, ensemble.Flat.UsesVectors);
        var expectedCounts = trees.Select(t => new double[t.LeafCount]).ToArray();
        for (var r = 0; r < rows.Length; r++)
        {
            double[] row = [rows[r].c, rows[r].x];
            var expected = 0.5 + trees[0].Predict(row) + trees[1].Predict(row);
            Assert.True(expected == batch[r], $"code {rows[r].c}: {batch[r]} instead of {expected}");
            Assert.True(expected == ensemble.PredictMargin(row), $"code {rows[r].c}: {ensemble.PredictMargin(row)} alone instead of {expected}");
            for (var t = 0; t < trees.Length; t++)
                expectedCounts[t][trees[t].LeafIndex(row)]++;
        }
        Assert.Equal(expectedCounts, counts);
    }

    [Fact]
    public void A_forest_deeper_than_six_gives_the_same_margins_to_the_bit_with_leaf_paths_as_walked_a_level_at_a_time()
    {
        // LightGBM's default shape: 31 leaves at any depth.
        var (model, test) = TrainedWithTestRows(seed: 43, new BoostingOptions { Trees = 50, MaxLeaves = 31, MaxDepth = 0, Threads = 2, EarlyStoppingRounds = 0 });
        var ensemble = model.Ensemble!;
        Assert.Contains(ensemble.Trees, t => Depth(t, 0) > VectorForest.Depth);
        Assert.Contains(ensemble.Trees, t => t.CategoryOffset.Any(o => o >= 0));
        WithEdgeValues(model, test, far: 1e300);

        var vectors = new double[test.RowCount];
        var walked = new double[test.RowCount];
        ensemble.Flat.PredictMargins(test, 0, test.RowCount, vectors);
        ensemble.Flat.PredictMarginsWithoutVectors(test, 0, test.RowCount, walked);
        var counts = ensemble.Flat.LeafRowCounts(test, threads: 2);

        Assert.Equal(VectorForest.IsSupported, ensemble.Flat.UsesVectors);
        var expectedCounts = ensemble.Trees.Select(t => new double[t.LeafCount]).ToArray();
        var row = new double[test.FeatureCount];
        for (var r = 0; r < test.RowCount; r++)
        {
            Assert.True(walked[r] == vectors[r], $"row {r}: {vectors[r]} with vectors, {walked[r]} walked");
            test.CopyRow(r, row);
            Assert.True(vectors[r] == ensemble.PredictMargin(row), $"row {r}: {ensemble.PredictMargin(row)} alone, {vectors[r]} in a batch");
            Assert.Equal(ensemble.BaseMargin + ensemble.Trees.Sum(t => t.Predict(row)), vectors[r], 12);
            for (var t = 0; t < expectedCounts.Length; t++)
                expectedCounts[t][ensemble.Trees[t].LeafIndex(row)]++;
        }
        Assert.Equal(expectedCounts, counts);
    }

    [Fact]
    public void A_chain_of_31_splits_reaches_each_of_its_32_leaves()
    {
        // The longest path the leaf paths hold: split n sends x ≤ n left to leaf n, the rest on to split n + 1.
        const int splits = VectorForest.MostSplits;
        var tree = new RegressionTree
        {
            Feature = new int[splits],
            Left = [.. Enumerable.Range(0, splits).Select(n => ~n)],
            Right = [.. Enumerable.Range(0, splits).Select(n => n + 1 < splits ? n + 1 : ~splits)],
            Threshold = [.. Enumerable.Range(0, splits).Select(n => (double)n)],
            DefaultLeft = [.. Enumerable.Range(0, splits).Select(n => n == 7)],
            CategoryOffset = [.. Enumerable.Repeat(-1, splits)],
            CategoryWords = [],
            Gain = [.. Enumerable.Repeat(1.0, splits)],
            NodeCover = [.. Enumerable.Repeat(1.0, splits)],
            LeafValue = [.. Enumerable.Range(0, splits + 1).Select(leaf => leaf / 4.0)],
            LeafCover = [.. Enumerable.Repeat(1.0, splits + 1)],
        };
        var ensemble = new TreeEnsemble(0.5, [tree], 1);
        double[] values = [double.NaN, double.NegativeInfinity, .. Enumerable.Range(-1, splits + 2).SelectMany(n => new[] { n, n + 0.5 }), double.PositiveInfinity];
        var matrix = new FeatureMatrix([new("x", FeatureKind.Numeric, "x", [])], [values], values.Length);

        var batch = new double[values.Length];
        ensemble.Flat.PredictMargins(matrix, 0, values.Length, batch);

        Assert.Equal(VectorForest.IsSupported, ensemble.Flat.UsesVectors);
        for (var r = 0; r < values.Length; r++)
        {
            var expected = 0.5 + tree.Predict([values[r]]);
            Assert.True(expected == batch[r], $"x {values[r]}: {batch[r]} instead of {expected}");
            Assert.Equal(expected, ensemble.PredictMargin([values[r]]));
        }
    }

    [Fact]
    public void Trees_the_vector_layout_cannot_hold_are_walked_a_level_at_a_time()
    {
        // Deeper than six with more than 31 splits: neither a full tree nor leaf paths.
        var deep = SyntheticMatrix.Train(SyntheticMatrix.Table(_temp, 5000, seed: 41),
            new BoostingOptions { Trees = 5, MaxLeaves = 64, MaxDepth = 0, Threads = 2, EarlyStoppingRounds = 0 }).Model.Ensemble!;
        Assert.Contains(deep.Trees, t => Depth(t, 0) > VectorForest.Depth && t.NodeCount > VectorForest.MostSplits);
        Assert.False(deep.Flat.UsesVectors);
    }

    /// <summary>A model trained on 5,000 synthetic rows and the features of 3,000 others (the next seed).</summary>
    private (BinaryModel Model, FeatureMatrix Test) TrainedWithTestRows(int seed, BoostingOptions options)
    {
        var model = SyntheticMatrix.Train(SyntheticMatrix.Table(_temp, 5000, seed), options).Model;
        return (model, SyntheticMatrix.Features(model, SyntheticMatrix.Table(_temp, 3000, seed + 1)).Matrix);
    }

    /// <summary>
    /// The first 400 test rows given values the trees never saw: x0 missing, <paramref name="far"/> outside its range or
    /// exactly on a threshold; the segment missing, a code unseen in training or the last code there is.
    /// </summary>
    private static void WithEdgeValues(BinaryModel model, FeatureMatrix test, double far)
    {
        var features = model.Pipeline.Features.ToList();
        var segment = features.FindIndex(f => f.Name == "segment");
        var x0 = features.FindIndex(f => f.Name == "x0");
        var thresholds = ThresholdsOf(model.Ensemble!, x0);
        for (var r = 0; r < 400; r++)
        {
            test.Columns[x0][r] = r % 4 == 0 ? double.NaN : r % 4 == 1 ? far : thresholds[r % thresholds.Length];
            test.Columns[segment][r] = r % 3 == 0 ? double.NaN : r % 3 == 1 ? features[segment].UnseenCode : 254;
        }
    }

    /// <summary>Every numeric split threshold the ensemble's trees use on <paramref name="feature"/>.</summary>
    private static double[] ThresholdsOf(TreeEnsemble ensemble, int feature) =>
        [.. ensemble.Trees.SelectMany(t => t.Threshold.Where((_, n) => t.CategoryOffset[n] < 0 && t.Feature[n] == feature))];

    /// <summary>Rows of a categorical feature c (every code 0–254 and missing) by a numeric feature x (each of <paramref name="numbers"/>).</summary>
    private static ((double c, double x)[] Rows, FeatureMatrix Matrix) EveryCodeWith(double[] numbers)
    {
        var codes = Enumerable.Range(0, 255).Select(c => (double)c).Append(double.NaN).ToArray();
        var rows = codes.SelectMany(c => numbers.Select(x => (c, x))).ToArray();
        var matrix = new FeatureMatrix(
            [new("c", FeatureKind.Categorical, "c", []), new("x", FeatureKind.Numeric, "x", [])],
            [[.. rows.Select(r => r.c)], [.. rows.Select(r => r.x)]], rows.Length);
        return (rows, matrix);
    }

    private static int Depth(RegressionTree tree, int node) =>
        tree.NodeCount == 0 || node < 0 ? 0 : 1 + Math.Max(Depth(tree, tree.Left[node]), Depth(tree, tree.Right[node]));

    private static uint[] Set(IEnumerable<int> codes)
    {
        var set = new uint[CategorySet.Words];
        foreach (var code in codes)
            CategorySet.Add(set, code);
        return set;
    }
}
