using System.Text.Json;
using System.Text.Json.Serialization;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Serialization;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Rules;

/// <summary>
/// A hand-written lead scoring scheme as most companies run it: points per rule, negative points for bad fit,
/// points lost to inactivity, an MQL threshold, and an SQL rule (a threshold plus required criteria).
/// </summary>
public sealed record PointsRules
{
    public string Name { get; init; } = "points rules";

    /// <summary>Leads at or above this many points are MQLs.</summary>
    public double MqlThreshold { get; init; } = 50;

    public required IReadOnlyList<PointsRule> Rules { get; init; }

    public InactivityDecay? Decay { get; init; }

    public SqlRule? Sql { get; init; }

    /// <summary>Scores are kept within [MinScore, MaxScore].</summary>
    public double MinScore { get; init; }

    public double MaxScore { get; init; } = 100;

    private static readonly JsonSerializerOptions Json = new(ModelSerializer.Json)
    {
        AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    public static PointsRules Load(string path)
    {
        if (!File.Exists(path))
            throw new DataFormatException($"{path}: rules file not found");
        return Parse(File.ReadAllBytes(path), path);
    }

    public static PointsRules Parse(ReadOnlySpan<byte> json, string source)
    {
        PointsRules? rules;
        try
        {
            rules = JsonSerializer.Deserialize<PointsRules>(json, Json);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $":{line + 1}" : "";
            throw new DataFormatException($"{source}{where}: not a valid rules file: {e.Message.Split(" Path:")[0]}");
        }
        if (rules is null)
            throw new DataFormatException($"{source}: the rules file is empty");
        rules.Validate(source);
        return rules;
    }

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Every field the rules read.</summary>
    public IEnumerable<string> Fields() =>
        Rules.Select(r => r.When.Field).Concat(Decay is null ? [] : [Decay.Field]).Concat(Sql?.RequireAll.Select(c => c.Field) ?? []).Distinct();

    public void Validate(string source)
    {
        if (Rules.Count == 0)
            throw new DataFormatException($"{source}: the rules file has no rules");
        foreach (var rule in Rules)
        {
            rule.When.Validate($"{source}: rule '{rule.Name}'");
            if (rule.PointsPerUnit is not null && rule.Points != 0)
                throw new DataFormatException($"{source}: rule '{rule.Name}' has both points and pointsPerUnit; use one");
        }
        foreach (var condition in Sql?.RequireAll ?? [])
            condition.Validate($"{source}: the SQL rule");
        if (MinScore > MaxScore)
            throw new DataFormatException($"{source}: minScore is above maxScore");
    }

    /// <summary>Scores one lead: its points, stage and the rules that fired.</summary>
    public RuleScore Score(IParsedRow lead)
    {
        double points = 0;
        var fired = new List<RuleHit>();
        foreach (var rule in Rules)
        {
            if (!rule.When.Matches(lead))
                continue;
            var earned = rule.Earned(lead);
            if (earned == 0)
                continue;
            points += earned;
            fired.Add(new RuleHit(rule.Name, earned));
        }
        if (Decay?.Penalty(lead) is { } penalty and > 0)
        {
            points -= penalty;
            fired.Add(new RuleHit("Inactivity", -penalty));
        }
        points = Math.Clamp(points, MinScore, MaxScore);
        var stage = Sql is not null && points >= Sql.Threshold && Sql.RequireAll.All(c => c.Matches(lead)) ? FunnelStage.Sql
            : points >= MqlThreshold ? FunnelStage.Mql
            : FunnelStage.Lead;
        return new RuleScore(points, stage, fired);
    }
}

/// <summary>Points for leads that meet a condition: fixed, or per unit of the field's value, with an optional cap.</summary>
public sealed record PointsRule
{
    public required string Name { get; init; }
    public required RuleCondition When { get; init; }
    public double Points { get; init; }
    public double? PointsPerUnit { get; init; }

    /// <summary>The most points (in absolute value) this rule can give.</summary>
    public double? Cap { get; init; }

    public double Earned(IParsedRow lead)
    {
        var earned = Points;
        if (PointsPerUnit is { } perUnit)
            earned = perUnit * (RuleCondition.Number(lead[When.Field]) ?? 0);
        return Cap is { } cap ? Math.Clamp(earned, -Math.Abs(cap), Math.Abs(cap)) : earned;
    }
}

/// <summary>Points lost for days without activity after a grace period; a lead with no activity at all loses the most.</summary>
public sealed record InactivityDecay
{
    public required string Field { get; init; }
    public double GraceDays { get; init; } = 14;
    public double PointsPerDay { get; init; } = 1;
    public double MaxPoints { get; init; } = 30;

    public double Penalty(IParsedRow lead)
    {
        if (RuleCondition.Number(lead[Field]) is not { } days)
            return MaxPoints;
        return Math.Min(MaxPoints, Math.Max(0, days - GraceDays) * PointsPerDay);
    }
}

/// <summary>A lead is an SQL when it has at least <see cref="Threshold"/> points and meets every required criterion.</summary>
public sealed record SqlRule
{
    public double Threshold { get; init; } = 70;
    public IReadOnlyList<RuleCondition> RequireAll { get; init; } = [];
}

/// <summary>One rule that gave or took points.</summary>
public sealed record RuleHit(string Rule, double Points);

/// <summary>A lead's rule-based score, stage and the rules behind it.</summary>
public sealed record RuleScore(double Points, FunnelStage Stage, IReadOnlyList<RuleHit> Hits);
