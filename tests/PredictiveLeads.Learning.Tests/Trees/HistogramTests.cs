using PredictiveLeads.Learning.Binning;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Tests.Trees;

public sealed class HistogramTests
{
    [Fact]
    public void Subtracting_a_child_from_its_parent_equals_building_the_sibling_directly()
    {
        var (matrix, labels) = SyntheticMatrix.Create(3000, seed: 5);
        var data = SyntheticMatrix.Bin(matrix);
        var layout = new HistogramLayout(data.Binnings);
        var gradHess = new double[2 * data.RowCount];
        for (var r = 0; r < data.RowCount; r++)
        {
            gradHess[2 * r] = 0.3 - labels[r] + r % 7 * 0.01;
            gradHess[2 * r + 1] = 0.2 + r % 5 * 0.01;
        }
        var features = Enumerable.Range(0, data.FeatureCount).ToArray();
        var builder = new HistogramBuilder(data, threads: 2);
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

        var histogram = Build(new HistogramBuilder(data, 1), layout, Enumerable.Range(0, data.RowCount).ToArray(), gradHess, features);

        foreach (var f in features)
            Assert.Equal(data.RowCount, histogram.Counts.AsSpan(layout.Offsets[f], layout.BinCounts[f]).ToArray().Sum());
    }

    private static Histogram Build(HistogramBuilder builder, HistogramLayout layout, int[] rows, double[] gradHess, int[] features)
    {
        var ordered = new double[2 * rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            ordered[2 * i] = gradHess[2 * rows[i]];
            ordered[2 * i + 1] = gradHess[2 * rows[i] + 1];
        }
        var histogram = new Histogram(layout);
        builder.Build(histogram, rows, 0, rows.Length, ordered, allRows: false, features);
        return histogram;
    }
}
