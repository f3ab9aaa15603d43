using PredictiveLeads.Learning.Binning;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Tests.Trees;

public sealed class HistogramTests
{
    [Fact]
    public void Subtracting_a_child_from_its_parent_equals_building_the_sibling_directly()
    {
        var (matrix, labels) = SyntheticMatrix.Create(40_000, seed: 5);
        var data = SyntheticMatrix.Bin(matrix);
        var layout = new HistogramLayout(data.Binnings);
        var gradHess = new double[2 * data.RowCount];
        for (var r = 0; r < data.RowCount; r++)
        {
            gradHess[2 * r] = 0.3 - labels[r] + r % 7 * 0.01;
            gradHess[2 * r + 1] = 0.2 + r % 5 * 0.01;
        }
        var features = Enumerable.Range(0, data.FeatureCount).ToArray();
        var builder = new HistogramBuilder(data, layout, threads: 2);
        var all = Enumerable.Range(0, data.RowCount).ToArray();
        var left = all.Where(r => matrix.Columns[0][r] < 0.1).ToArray();
        var right = all.Where(r => matrix.Columns[0][r] >= 0.1).ToArray();

        var parent = Build(builder, layout, all, gradHess, features);
        var leftHistogram = Build(builder, layout, left, gradHess, features);
        var direct = Build(builder, layout, right, gradHess, features);
        var subtracted = new Histogram(layout);
        subtracted.SetDifference(parent, leftHistogram, features);

        Assert.Equal(direct.Counts, subtracted.Counts);
        for (var i = 0; i < direct.GradHess.Length; i++)
            Assert.Equal(direct.GradHess[i], subtracted.GradHess[i], 9);
    }

    [Fact]
    public void A_histogram_counts_every_row_once_per_feature()
    {
        var (matrix, _) = SyntheticMatrix.Create(1000, seed: 9);
        var data = SyntheticMatrix.Bin(matrix);
        var layout = new HistogramLayout(data.Binnings);
        var gradHess = Enumerable.Repeat(1.0, 2 * data.RowCount).ToArray();
        var features = Enumerable.Range(0, data.FeatureCount).ToArray();

        var histogram = Build(new HistogramBuilder(data, layout, 1), layout, Enumerable.Range(0, data.RowCount).ToArray(), gradHess, features);

        foreach (var f in features)
            Assert.Equal(data.RowCount, histogram.Counts.AsSpan(layout.Offsets[f], layout.BinCounts[f]).ToArray().Sum());
    }

    [Fact]
    public void A_histogram_matches_direct_counting_and_does_not_depend_on_threads()
    {
        var (matrix, labels) = SyntheticMatrix.Create(50_000, seed: 6);
        var data = SyntheticMatrix.Bin(matrix);
        var layout = new HistogramLayout(data.Binnings);
        var gradHess = new double[2 * data.RowCount];
        for (var r = 0; r < data.RowCount; r++)
        {
            gradHess[2 * r] = labels[r] - 0.37 + r % 11 * 1e-3;
            gradHess[2 * r + 1] = 0.25 - r % 3 * 1e-3;
        }
        var features = Enumerable.Range(0, data.FeatureCount).ToArray();
        var rows = Enumerable.Range(0, data.RowCount).Where(r => r % 3 != 0).ToArray();

        var one = Build(new HistogramBuilder(data, layout, 1), layout, rows, gradHess, features);
        var two = Build(new HistogramBuilder(data, layout, 2), layout, rows, gradHess, features);

        Assert.Equal(one.GradHess, two.GradHess);
        Assert.Equal(one.Counts, two.Counts);
        foreach (var f in features)
        {
            for (var bin = 0; bin < layout.BinCounts[f]; bin++)
            {
                var inBin = rows.Where(r => data.Bin(r, f) == bin).ToArray();
                Assert.Equal(inBin.Length, one.Counts[layout.Offsets[f] + bin]);
                Assert.Equal(inBin.Sum(r => gradHess[2 * r]), one.GradHess[2 * (layout.Offsets[f] + bin)], 8);
                Assert.Equal(inBin.Sum(r => gradHess[2 * r + 1]), one.GradHess[2 * (layout.Offsets[f] + bin) + 1], 8);
            }
        }
    }

    private static Histogram Build(HistogramBuilder builder, HistogramLayout layout, int[] rows, double[] gradHess, int[] features)
    {
        var histogram = new Histogram(layout);
        builder.Build(histogram, rows, 0, rows.Length, gradHess, allRows: false, features);
        return histogram;
    }
}
