using System.Text.Json.Serialization;

namespace PredictiveLeads.Scoring.Funnel;

/// <summary>
/// Where a lead stands in the funnel: the stage the rules put it in, the stage an outcome model predicts, and the
/// stages recorded as reached. Lost and Disqualified end a lead's way without reaching a further stage.
/// Written as the names people use (<c>"MQL"</c>, <c>"SQL"</c>…) in files and in the API, whatever naming policy the
/// serializer has.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<FunnelStage>))]
public enum FunnelStage
{
    [JsonStringEnumMemberName("Lead")] Lead,
    [JsonStringEnumMemberName("MQL")] Mql,
    [JsonStringEnumMemberName("SQL")] Sql,
    [JsonStringEnumMemberName("Opportunity")] Opportunity,
    [JsonStringEnumMemberName("Won")] Won,
    [JsonStringEnumMemberName("Lost")] Lost,
    [JsonStringEnumMemberName("Disqualified")] Disqualified,
}

/// <summary>Names, order and parsing of <see cref="FunnelStage"/>.</summary>
public static class FunnelStages
{
    /// <summary>The stages a lead can be recorded as having reached.</summary>
    public static IReadOnlyList<FunnelStage> Recordable { get; } =
        [FunnelStage.Mql, FunnelStage.Sql, FunnelStage.Opportunity, FunnelStage.Won, FunnelStage.Lost, FunnelStage.Disqualified];

    public static string Name(this FunnelStage stage) => stage switch
    {
        FunnelStage.Mql => "MQL",
        FunnelStage.Sql => "SQL",
        _ => stage.ToString(),
    };

    /// <summary>How far along the funnel a stage is: 0 for a lead that reached nothing (or only Lost or Disqualified), up to 4 for Won.</summary>
    public static int Rank(this FunnelStage stage) => stage switch
    {
        FunnelStage.Mql => 1,
        FunnelStage.Sql => 2,
        FunnelStage.Opportunity => 3,
        FunnelStage.Won => 4,
        _ => 0,
    };

    /// <summary>True when a lead whose furthest stage is <paramref name="furthest"/> has reached <paramref name="stage"/>.</summary>
    public static bool Reached(this FunnelStage furthest, FunnelStage stage) => furthest.Rank() >= stage.Rank();

    private static readonly Dictionary<string, FunnelStage> ByName =
        Enum.GetValues<FunnelStage>().ToDictionary(Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The stage named <paramref name="text"/> (any letter case), or null.</summary>
    public static FunnelStage? Parse(string? text) => text is not null && ByName.TryGetValue(text, out var stage) ? stage : null;

    /// <summary>The stages an outcome model can predict: reaching one of them is what its label records.</summary>
    public static bool IsOutcomeStage(this FunnelStage stage) => stage.Rank() > 0;

    /// <summary>
    /// The stage an outcome column records, from its name when the name says it (became_sql → SQL, is_mql → MQL,
    /// opportunity_created → Opportunity, won → Won); null when it does not ("Converted"): then recorded stages do not
    /// label it, and its outcomes are recorded by its own name. The trainer says when it reads a stage from a name,
    /// and the schema's <c>stages</c> overrides it.
    /// </summary>
    public static FunnelStage? GuessFromOutcomeName(string outcome)
    {
        var name = outcome.ToLowerInvariant();
        return name.Contains("sql", StringComparison.Ordinal) ? FunnelStage.Sql
            : name.Contains("mql", StringComparison.Ordinal) ? FunnelStage.Mql
            : name.Contains("opportunit", StringComparison.Ordinal) ? FunnelStage.Opportunity
            : name.Split('_', '-', ' ').Contains("won") ? FunnelStage.Won
            : null;
    }
}
