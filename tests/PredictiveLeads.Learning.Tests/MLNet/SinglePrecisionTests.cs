using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.MLNet;

namespace PredictiveLeads.Learning.Tests.MLNet;

public sealed class SinglePrecisionTests
{
    [Fact]
    public void A_double_is_at_most_the_converted_threshold_exactly_when_its_float_is_at_most_the_threshold()
    {
        var random = new DeterministicRandom(3);
        float[] special = [0f, -0f, 1f, -1f, 0.5f, 1e-35f, -1e-35f, float.Epsilon, -float.Epsilon, float.MaxValue, -float.MaxValue, 16_777_216f, 3.4e38f];
        var thresholds = special.Concat(Enumerable.Range(0, 2000).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(12) - 6))));
        foreach (var threshold in thresholds)
        {
            var bound = SinglePrecision.LargestDoubleAtMost(threshold);
            // Around the bound, and around the threshold's neighbours: every double whose rounding could go either way.
            foreach (var x in Around(bound).Concat(Around(threshold)).Concat(Around(MathF.BitIncrement(threshold))))
                Assert.True(x <= bound == (float)x <= threshold, $"threshold {threshold:R}, x {x:R}");
        }
    }

    private static IEnumerable<double> Around(double value)
    {
        if (!double.IsFinite(value))
            yield break;
        var x = value;
        for (var i = 0; i < 3; i++)
            x = Math.BitDecrement(x);
        for (var i = 0; i < 7; i++, x = Math.BitIncrement(x))
            yield return x;
        yield return (value + (double)MathF.BitIncrement((float)value)) / 2;
    }
}
