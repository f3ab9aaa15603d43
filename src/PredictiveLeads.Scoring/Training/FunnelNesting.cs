using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Scoring.Schema;

namespace PredictiveLeads.Scoring.Training;

/// <summary>
/// Two outcomes where the later is reached only through the earlier (an SQL is an MQL first), how the later one is
/// served, and how often the probabilities on the test leads break that order (P(later) above P(earlier)).
/// </summary>
/// <param name="Earlier">The outcome reached first (became_mql).</param>
/// <param name="Later">The outcome reached only after it (became_sql).</param>
/// <param name="Declared">Named in the schema's <c>funnel</c>; otherwise found in the labels.</param>
/// <param name="Contradicting">Leads positive for the later outcome but not the earlier one (0 when found in the labels).</param>
/// <param name="TestLeads">The test leads.</param>
/// <param name="OutOfOrder">Test leads whose probability of the later outcome is above that of the earlier one; null when a model does not serve both.</param>
public sealed record NestedOutcomes(string Earlier, string Later, bool Declared, int Contradicting, int TestLeads, int? OutOfOrder)
{
    /// <summary>The later outcome is served as P(earlier) × P(later | earlier), which keeps the order on every lead.</summary>
    public bool Chained { get; init; }

    /// <summary>Why the later outcome is not served through the earlier one; null when it is.</summary>
    public string? NotChainedReason { get; init; }

    /// <summary>The leads that reached the earlier outcome, which the conditional model was grown on.</summary>
    public int? ConditionalFitLeads { get; init; }

    /// <summary>P(later | earlier) on the test leads that reached the earlier outcome: how well the second step alone is ranked.</summary>
    public ClassifierEvaluation? ConditionalTest { get; init; }
}

public static class FunnelNesting
{
    /// <summary>
    /// The nested pairs among <paramref name="labels"/>: consecutive outcomes of the schema's <c>funnel</c>, or, without
    /// one, each outcome with the closest outcome it nests in: the one with the fewest positives among those positive on
    /// every lead positive for it (won nests in SQL, not in MQL, when it nests in both).
    /// </summary>
    public static IReadOnlyList<(string Earlier, string Later, bool Declared, int Contradicting)> Find(ExportSchema schema, IReadOnlyDictionary<string, double[]> labels)
    {
        if (schema.Funnel.Count > 0)
            return [.. schema.Funnel.Zip(schema.Funnel.Skip(1)).Select(p => (p.First, p.Second, true, Contradicting(labels[p.First], labels[p.Second])))];
        var pairs = new List<(string, string, bool, int)>();
        foreach (var (later, laterLabels) in labels)
        {
            var closest = labels
                .Where(e => e.Key != later && Positives(laterLabels) > 0 && Positives(laterLabels) < Positives(e.Value) && Contradicting(e.Value, laterLabels) == 0)
                .OrderBy(e => Positives(e.Value)).ThenBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => e.Key).FirstOrDefault();
            if (closest is not null)
                pairs.Add((closest, later, false, 0));
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
