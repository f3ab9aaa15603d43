using PredictiveLeads.Learning.Common;

namespace PredictiveLeads.Scoring.SampleData;

/// <summary>The random draws the sample generator needs, from one seeded generator so files are reproducible.</summary>
internal static class Distributions
{
    public static double Normal(this DeterministicRandom random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static double Exponential(this DeterministicRandom random, double mean) => -mean * Math.Log(1.0 - random.NextDouble());

    public static bool Chance(this DeterministicRandom random, double probability) => random.NextDouble() < probability;

    /// <summary>Poisson by multiplication for small means, by a rounded normal for large ones.</summary>
    public static int Poisson(this DeterministicRandom random, double mean)
    {
        if (mean > 40)
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * random.Normal()));
        var limit = Math.Exp(-mean);
        var count = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }
        return count;
    }

    public static int Binomial(this DeterministicRandom random, int trials, double probability)
    {
        var successes = 0;
        for (var i = 0; i < trials; i++)
        {
            if (random.NextDouble() < probability)
                successes++;
        }
        return successes;
    }

    /// <summary>Gamma(shape, scale) by Marsaglia and Tsang's method.</summary>
    public static double Gamma(this DeterministicRandom random, double shape, double scale)
    {
        if (shape < 1)
            return random.Gamma(shape + 1, scale) * Math.Pow(random.NextDouble(), 1.0 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = random.Normal();
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v))
                return d * v * scale;
        }
    }

    /// <summary>An index drawn with the given (unnormalised) shares.</summary>
    public static int Pick(this DeterministicRandom random, IReadOnlyList<double> shares)
    {
        var total = 0.0;
        foreach (var share in shares)
            total += share;
        var target = random.NextDouble() * total;
        for (var i = 0; i < shares.Count; i++)
        {
            target -= shares[i];
            if (target < 0)
                return i;
        }
        return shares.Count - 1;
    }

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
