using PredictiveLeads.Learning.Binning;

namespace PredictiveLeads.Learning.Tests.Binning;

public sealed class FeatureBinningTests
{
    [Fact]
    public void Few_distinct_values_each_get_their_own_bin()
    {
        var binning = FeatureBinning.ForNumeric([3, 1, 2, 2, double.NaN, 1]);

        Assert.Equal(3, binning.ValueBinCount);
        Assert.Equal([0, 1, 2], new double[] { 1, 2, 3 }.Select(binning.BinOf));
        Assert.Equal(binning.MissingBin, binning.BinOf(double.NaN));
    }

    [Fact]
    public void Many_values_are_cut_at_quantiles_into_at_most_255_bins()
    {
        var values = Enumerable.Range(0, 100_000).Select(i => (double)(i * 7919 % 100_000)).ToArray();

        var binning = FeatureBinning.ForNumeric(values);
        var counts = new int[binning.BinCount];
        foreach (var value in values)
            counts[binning.BinOf(value)]++;

        Assert.InRange(binning.ValueBinCount, 200, 255);
        Assert.InRange(counts[..binning.ValueBinCount].Max(), 0, 2 * values.Length / binning.ValueBinCount);
    }

    [Fact]
    public void A_dominant_value_keeps_a_bin_of_its_own()
    {
        var values = Enumerable.Repeat(0.0, 9000).Concat(Enumerable.Range(1, 1000).Select(i => (double)i)).ToArray();

        var binning = FeatureBinning.ForNumeric(values, maxBins: 16);

        Assert.Equal(0, binning.BinOf(0));
        Assert.NotEqual(0, binning.BinOf(1));
    }
}
