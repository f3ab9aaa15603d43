namespace PredictiveLeads.Scoring.Live;

/// <summary>Letter grades sales reads at a glance: A at or above the A cut-off, then B, then C; below C is D; "-" without a probability.</summary>
public sealed record Grades(double A, double B, double C)
{
    public string Of(double probability) =>
        double.IsNaN(probability) ? "-" : probability >= A ? "A" : probability >= B ? "B" : probability >= C ? "C" : "D";

    /// <summary>
    /// Cut-offs that grade the most likely <paramref name="a"/> share of <paramref name="probabilities"/> A, the next
    /// <paramref name="b"/> B and the next <paramref name="c"/> C (each share above 0): each cut-off is the probability of the
    /// last lead inside its share, so ties at a cut-off all get the better grade.
    /// </summary>
    public static Grades AtShares(IReadOnlyList<double> probabilities, double a, double b, double c)
    {
        var sorted = probabilities.Where(p => !double.IsNaN(p)).OrderDescending().ToArray();
        if (sorted.Length == 0)
            throw new ArgumentException("there are no probabilities to take shares of", nameof(probabilities));
        // Rounded first: 0.1 + 0.2 is 0.30000000000000004, which must not take a 31st lead of 100.
        double CutOff(double share) => sorted[Math.Clamp((int)Math.Ceiling(Math.Round(share * sorted.Length, 9)), 1, sorted.Length) - 1];
        return new Grades(CutOff(a), CutOff(a + b), CutOff(a + b + c));
    }
}

/// <summary>The cut-offs each outcome is graded by, and on what they are based.</summary>
public sealed record GradeBook(string Basis, Grades Fixed, IReadOnlyDictionary<string, Grades> ByOutcome)
{
    public Grades For(string outcome) => ByOutcome.TryGetValue(outcome, out var grades) ? grades : Fixed;

    public string Of(string outcome, double probability) => For(outcome).Of(probability);
}
