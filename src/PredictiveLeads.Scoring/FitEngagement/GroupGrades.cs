namespace PredictiveLeads.Scoring.FitEngagement;

/// <summary>
/// How one field group (fit or engagement) grades a lead: a sub-model that reads only the group's fields, and the
/// probabilities at which its test leads' quarters begin. Grade 1 is the quarter most likely to convert, 4 the least;
/// fit shows it as A–D, engagement as 1–4.
/// </summary>
public sealed record GroupGrades
{
    public const int Count = 4;

    /// <summary>The sub-model's file in the bundle.</summary>
    public required string ModelFile { get; init; }

    /// <summary>The fields the sub-model reads: those the schema put in the group that are features of the outcome's model.</summary>
    public required IReadOnlyList<string> Fields { get; init; }

    /// <summary>Three falling probabilities: a lead at or above the first gets grade 1, at or above the second 2, the third 3, else 4.</summary>
    public required IReadOnlyList<double> Cutoffs { get; init; }

    public int Grade(double probability)
    {
        for (var i = 0; i < Cutoffs.Count; i++)
        {
            if (probability >= Cutoffs[i])
                return i + 1;
        }
        return Count;
    }

    /// <summary>
    /// Cut-offs that put each quarter of <paramref name="probabilities"/> (the test leads' sub-model probabilities) in its own
    /// grade; the cut-off is the probability of the last lead inside the quarter, so ties at it all get the better grade.
    /// </summary>
    public static double[] QuarterCutoffs(IReadOnlyList<double> probabilities)
    {
        var sorted = probabilities.OrderDescending().ToArray();
        if (sorted.Length == 0)
            throw new ArgumentException("there are no probabilities to take quarters of", nameof(probabilities));
        return [.. Enumerable.Range(1, Count - 1).Select(q => sorted[Math.Max(1, (int)Math.Ceiling(q * sorted.Length / (double)Count)) - 1])];
    }
}
