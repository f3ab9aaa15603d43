namespace PredictiveLeads.Learning.MLNet;

/// <summary>ML.NET trees compare single-precision values; our features are doubles. This converts the comparison exactly.</summary>
public static class SinglePrecision
{
    /// <summary>
    /// The largest double <c>x</c> with <c>(float)x &lt;= threshold</c>, so that <c>x &lt;= result</c> decides exactly
    /// as ML.NET's <c>(float)x &lt;= threshold</c>. Rounding to float is monotonic: the answer is the midpoint
    /// between the threshold and the next float up (exactly representable as a double), which itself rounds to
    /// the threshold when the threshold's last mantissa bit is even (ties go to even), and otherwise does not.
    /// </summary>
    public static double LargestDoubleAtMost(float threshold)
    {
        if (float.IsNaN(threshold) || float.IsPositiveInfinity(threshold))
            return threshold;
        if (float.IsNegativeInfinity(threshold))
            return double.NegativeInfinity;
        // Past float.MaxValue the next "float" is 2^128, where rounding overflows to infinity.
        var next = threshold == float.MaxValue ? Math.ScaleB(1.0, 128) : MathF.BitIncrement(threshold);
        var midpoint = ((double)threshold + next) / 2;
        var even = (BitConverter.SingleToInt32Bits(threshold) & 1) == 0;
        return even ? midpoint : Math.BitDecrement(midpoint);
    }
}
