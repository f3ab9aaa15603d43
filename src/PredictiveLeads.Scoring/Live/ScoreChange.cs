namespace PredictiveLeads.Scoring.Live;

/// <summary>One input field's TreeSHAP contribution to a margin (log-odds), its parts added together.</summary>
public readonly record struct FieldContribution(string Field, double Contribution);

/// <summary>
/// A lead's previous scoring of one outcome, as the prediction log kept it: the probability, when, by which version, and
/// every field's contribution when it was scored with reasons (null when it was not). The version is null only for a
/// scoring logged before the log kept which one came before.
/// </summary>
public sealed record PreviousScore(double? Probability, DateTime Time, string? ModelVersion, IReadOnlyList<FieldContribution>? Contributions)
{
    /// <summary>The A–D grade it was given; null when the log did not keep it (scorings logged before grades were).</summary>
    public string? Grade { get; init; }

    /// <summary>The rules stage of the lead then (the same for every outcome of a scoring).</summary>
    public string? RuleStage { get; init; }
}

/// <summary>A field that moved the score between two scorings: its contribution then and now (0 when a scoring did not name it).</summary>
public sealed record FieldMove(string Field, double Before, double After)
{
    public double Moved => After - Before;
}

/// <summary>
/// What changed since the previous scoring of the same lead: the probability's difference, and the fields whose
/// contributions moved most, when both scorings were explained; otherwise why the fields are not given.
/// </summary>
public sealed record ScoreChange(double Probability, DateTime Since, string? PreviousModelVersion, IReadOnlyList<FieldMove> Fields, string? FieldsUnavailable)
{
    public const int FieldsShown = 3;

    /// <summary>
    /// The change from <paramref name="previous"/> to <paramref name="current"/> (scored with reasons when <paramref name="explained"/>);
    /// null without both probabilities.
    /// </summary>
    public static ScoreChange? Between(PreviousScore? previous, OutcomeScore current, bool explained)
    {
        if (previous?.Probability is null || double.IsNaN(current.Probability))
            return null;
        string? unavailable = null;
        if (current.Source == Bundles.OutcomeSource.Rules)
            unavailable = "the points rules score this outcome, and they give no field contributions";
        else if (!explained || current.Contributions is null)
            unavailable = "this scoring was asked without reasons (explain=false), so no field contributions were computed";
        return Of(current.Probability, current.Contributions, unavailable, previous);
    }

    /// <summary>
    /// The change from <paramref name="previous"/> (which has a probability) to a scoring with <paramref name="probability"/> and every field's
    /// <paramref name="contributions"/>, or <paramref name="noContributions"/> saying why it has none.
    /// </summary>
    public static ScoreChange Of(double probability, IReadOnlyList<FieldContribution>? contributions, string? noContributions, PreviousScore previous)
    {
        var delta = probability - previous.Probability!.Value;
        var unavailable = contributions is null ? noContributions ?? "this scoring has no field contributions"
            : previous.Contributions is null ? "the previous scoring was asked without reasons, so its field contributions were not kept"
            : null;
        return new ScoreChange(delta, previous.Time, previous.ModelVersion, unavailable is null ? Moves(previous.Contributions!, contributions!) : [], unavailable);
    }

    /// <summary>The fields whose contributions moved most, largest move first and ties by name; a field missing on one side counts 0 there.</summary>
    public static IReadOnlyList<FieldMove> Moves(IReadOnlyList<FieldContribution> before, IReadOnlyList<FieldContribution> after)
    {
        var moves = new Dictionary<string, (double Before, double After)>(StringComparer.Ordinal);
        foreach (var (field, contribution) in before)
            moves[field] = (contribution, 0);
        foreach (var (field, contribution) in after)
            moves[field] = (moves.GetValueOrDefault(field).Before, contribution);
        return [.. moves.Select(m => new FieldMove(m.Key, m.Value.Before, m.Value.After))
            .Where(m => Math.Round(m.Moved, 4) != 0)
            .OrderByDescending(m => Math.Abs(m.Moved)).ThenBy(m => m.Field, StringComparer.Ordinal)
            .Take(FieldsShown)];
    }
}
