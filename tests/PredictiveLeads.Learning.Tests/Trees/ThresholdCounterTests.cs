using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Tests.Trees;

public sealed class ThresholdCounterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(95)]
    [InlineData(240)]
    [InlineData(254)]
    [InlineData(255)]
    public void Counts_the_thresholds_below_a_value_as_a_search_does(int length)
    {
        var random = new Random(length);
        var distinct = new HashSet<double>();
        while (distinct.Count < length)
            distinct.Add(Math.Round(random.NextDouble() * 200 - 100, 2));
        var thresholds = distinct.Order().ToArray();
        var counter = new ThresholdCounter(thresholds);
        double[] special = [double.NegativeInfinity, double.PositiveInfinity, -0.0, 0.0, double.MaxValue, double.MinValue, double.Epsilon, -1e300, 1e300];
        var values = thresholds
            .SelectMany(t => new[] { t, Math.BitDecrement(t), Math.BitIncrement(t) })
            .Concat(special)
            .Concat(Enumerable.Range(0, 2000).Select(_ => random.NextDouble() * 240 - 120));
        foreach (var value in values)
        {
            var expected = thresholds.Count(t => t < value);
            Assert.Equal(expected, counter.Below(value));
            Assert.Equal(expected, counter.BelowBySearch(value));
        }
    }

    [Fact]
    public void Refuses_more_thresholds_than_it_can_hold() =>
        Assert.Throws<ArgumentException>(() => new ThresholdCounter([.. Enumerable.Range(0, ThresholdCounter.MaxThresholds + 1).Select(i => (double)i)]));
}
