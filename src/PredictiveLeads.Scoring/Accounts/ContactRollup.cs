namespace PredictiveLeads.Scoring.Accounts;

/// <summary>
/// An account's chance from its contacts' own probabilities: that at least one of them converts, 1 − Π(1 − pᵢ), as if
/// they were independent. A contact without a probability (NaN) adds nothing.
/// </summary>
public static class ContactRollup
{
    public static double AnyContact(IEnumerable<double> probabilities) =>
        1 - probabilities.Aggregate(1.0, (none, p) => none * (1 - (double.IsNaN(p) ? 0 : p)));
}
