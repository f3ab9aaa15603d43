using PredictiveLeads.Scoring.Schema;

namespace PredictiveLeads.Scoring.Training;

/// <summary>
/// Two outcomes where the later is reached only through the earlier (an SQL is an MQL first), and how often the
/// models' probabilities on the test leads break that order (P(later) above P(earlier)).
/// </summary>
/// <param name="Earlier">The outcome reached first (became_mql).</param>
/// <param name="Later">The outcome reached only after it (became_sql).</param>
/// <param name="Declared">Named in the schema's <c>funnel</c>; otherwise found in the labels.</param>
/// <param name="Contradicting">Leads positive for the later outcome but not the earlier one (0 when found in the labels).</param>
/// <param name="TestLeads">The test leads.</param>
/// <param name="OutOfOrder">Test leads whose probability of the later outcome is above that of the earlier one; null when a model does not serve both.</param>
public sealed record NestedOutcomes(string Earlier, string Later, bool Declared, int Contradicting, int TestLeads, int? OutOfOrder);

public static class FunnelNesting
{
    /// <summary>
    /// The nested pairs among <paramref name="labels"/>: consecutive outcomes of the schema's <c>funnel</c>, or, without
    /// one, every pair where each lead positive for one outcome is positive for another that has more positives.
    /// </summary>
    public static IReadOnlyList<(string Earlier, string Later, bool Declared, int Contradicting)> Find(ExportSchema schema, IReadOnlyDictionary<string, double[]> labels)
    {
        if (schema.Funnel.Count > 0)
            return [.. schema.Funnel.Zip(schema.Funnel.Skip(1)).Select(p => (p.First, p.Second, true, Contradicting(labels[p.First], labels[p.Second])))];
        var pairs = new List<(string, string, bool, int)>();
        foreach (var (earlier, earlierLabels) in labels)
        {
            foreach (var (later, laterLabels) in labels)
            {
                if (earlier != later && Positives(laterLabels) > 0 && Positives(laterLabels) < Positives(earlierLabels) && Contradicting(earlierLabels, laterLabels) == 0)
                    pairs.Add((earlier, later, false, 0));
            }
        }
        return pairs;
    }

    /// <summary>How many of the test leads get a higher probability of the later outcome than of the earlier one.</summary>
    public static int OutOfOrder(IReadOnlyList<double> earlier, IReadOnlyList<double> later) =>
        Enumerable.Range(0, Math.Min(earlier.Count, later.Count)).Count(i => later[i] > earlier[i]);

    private static int Positives(double[] labels) => labels.Count(v => v == 1);

    private static int Contradicting(double[] earlier, double[] later) =>
        Enumerable.Range(0, later.Length).Count(i => later[i] == 1 && earlier[i] == 0);
}
