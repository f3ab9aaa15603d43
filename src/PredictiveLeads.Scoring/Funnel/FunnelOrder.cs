namespace PredictiveLeads.Scoring.Funnel;

/// <summary>The order in which outcomes served through earlier ones are trained or scored.</summary>
public static class FunnelOrder
{
    /// <summary>
    /// <paramref name="outcomes"/> in an order where each outcome comes after the one it is served through
    /// (<paramref name="earlierOf"/>), otherwise as given. A loop is refused.
    /// </summary>
    public static IReadOnlyList<string> Of(IReadOnlyList<string> outcomes, IReadOnlyDictionary<string, string> earlierOf)
    {
        var ordered = new List<string>(outcomes.Count);
        void Add(string outcome, int depth)
        {
            if (ordered.Contains(outcome))
                return;
            if (depth > outcomes.Count)
                throw new InvalidOperationException($"the funnel loops through '{outcome}'");
            if (earlierOf.TryGetValue(outcome, out var earlier))
                Add(earlier, depth + 1);
            ordered.Add(outcome);
        }
        foreach (var outcome in outcomes)
            Add(outcome, 0);
        return ordered;
    }
}
