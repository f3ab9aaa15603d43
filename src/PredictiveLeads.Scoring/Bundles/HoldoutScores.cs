using System.Text.Json;
using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Serialization;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Bundles;

/// <summary>
/// Every test lead of a bundle's training, scored by the model and by the rules, with what really happened:
/// what the dashboard compares the two methods on at any sales capacity. Holds no raw field values except for
/// the few <see cref="Examples"/> where model and rules disagree most, so their reasons can be shown.
/// Kept beside the bundle (<c>holdout.json</c>), not inside it: scoring never needs it.
/// </summary>
public sealed record HoldoutScores
{
    public const string FileName = "holdout.json";

    private static readonly JsonSerializerOptions Json = new(ModelSerializer.Json) { WriteIndented = false };

    /// <summary>Creation time of the oldest and newest test lead, when the export has one.</summary>
    public DateTime? From { get; init; }

    public DateTime? To { get; init; }

    public required IReadOnlyList<string> Ids { get; init; }

    public required IReadOnlyList<string?> Accounts { get; init; }

    /// <summary>Points from the rules (empty when the bundle has no rules).</summary>
    public required IReadOnlyList<double> RulePoints { get; init; }

    /// <summary>Stage from the rules: Lead, MQL or SQL (empty when the bundle has no rules).</summary>
    public required IReadOnlyList<FunnelStage> RuleStages { get; init; }

    public required IReadOnlyDictionary<string, HoldoutOutcome> Outcomes { get; init; }

    /// <summary>Raw fields of the leads where model and rules disagree most, so the dashboard can explain them.</summary>
    public required IReadOnlyList<HoldoutExample> Examples { get; init; }


    public void Save(string path) => AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>The test-lead scores in <paramref name="path"/>, or null with the reason they cannot be read.</summary>
    public static (HoldoutScores? Scores, string? Problem) TryLoad(string path)
    {
        try
        {
            return (Load(path), null);
        }
        catch (Exception e) when (e is ModelFormatException or IOException or UnauthorizedAccessException)
        {
            return (null, e.Message);
        }
    }

    public static HoldoutScores Load(string path)
    {
        HoldoutScores? scores;
        try
        {
            scores = JsonSerializer.Deserialize<HoldoutScores>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException($"{path}: not readable test-lead scores ({e.Message})", e);
        }
        if (scores is null)
            throw new ModelFormatException($"{path}: empty");
        var n = scores.Ids.Count;
        var consistent = scores.Accounts.Count == n && (scores.RulePoints.Count is 0 || scores.RulePoints.Count == n)
            && scores.RuleStages.Count == scores.RulePoints.Count
            && scores.Outcomes.Values.All(o => o.Actual.Count == n && (o.Model?.Count ?? n) == n && (o.Rules?.Count ?? n) == n
                && (o.FitGrades?.Count ?? n) == n && (o.EngagementGrades?.Count ?? n) == n
                && (o.FitGrades ?? []).Concat(o.EngagementGrades ?? []).All(g => g is >= 1 and <= FitEngagement.GroupGrades.Count));
        return consistent ? scores : throw new ModelFormatException($"{path}: its lists do not all hold one entry per test lead ({n})");
    }
}

/// <summary>One outcome on the test leads: 1/0 (null when unknown), the served model's probability, and the rules' probability.</summary>
public sealed record HoldoutOutcome(IReadOnlyList<int?> Actual, IReadOnlyList<double>? Model, IReadOnlyList<double>? Rules)
{
    /// <summary>Each test lead's fit grade (1–4, shown A–D) and engagement grade (1–4), when the outcome has both sub-models.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? FitGrades { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? EngagementGrades { get; init; }

    /// <summary>The fit × engagement grid of these test leads, or null without both grades.</summary>
    public IReadOnlyList<FitEngagement.GradeGridCell>? Grid() =>
        FitGrades is null || EngagementGrades is null ? null : FitEngagement.GradeGrid.Of(FitGrades, EngagementGrades, Actual);
}

/// <summary>A test lead's raw fields, kept so its reasons can be computed.</summary>
public sealed record HoldoutExample(string Id, IReadOnlyDictionary<string, string?> Fields);
