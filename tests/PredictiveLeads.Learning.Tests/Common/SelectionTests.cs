using PredictiveLeads.Learning.Common;

namespace PredictiveLeads.Learning.Tests.Common;

public sealed class SelectionTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 10)]
    [InlineData(7, 3)]
    [InlineData(1000, 50)]
    [InlineData(1001, 1000)]
    public void Every_order_statistic_is_the_value_a_full_sort_puts_there(int count, int distinct)
    {
        var random = new Random(count * 31 + distinct);
        var values = Enumerable.Range(0, count).Select(_ => distinct == 0 ? 4.5 : Math.Round(random.NextDouble() * distinct) - distinct / 2.0).ToArray();
        var sorted = values.Order().ToArray();

        for (var k = 0; k < count; k += Math.Max(1, count / 37))
            Assert.Equal(sorted[k], Selection.KthSmallest(values.ToArray(), k));
        Assert.Equal(sorted[^1], Selection.KthSmallest(values.ToArray(), count - 1));
    }

    [Fact]
    public void Sorted_and_reversed_input_take_no_special_path()
    {
        double[] ascending = [.. Enumerable.Range(0, 500).Select(i => (double)i)];

        Assert.Equal(249, Selection.KthSmallest(ascending.ToArray(), 249));
        Assert.Equal(249, Selection.KthSmallest(ascending.Reverse().ToArray(), 249));
    }
}
