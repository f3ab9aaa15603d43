using System.Text.Json;
using PredictiveLeads.Scoring.Live;
using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Scoring.Tests.Webhooks;

public sealed class LeadEventsTests
{
    private static readonly EventModel Model = new("default", "v0002");
    private static readonly DateTime Now = new(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc);
    private static readonly ProbabilityThreshold[] HalfForSql = [new("became_sql", 0.5)];

    [Fact]
    public void A_grade_change_names_the_outcome_both_grades_and_both_probabilities()
    {
        var events = Of([new("became_sql", 0.62, "A")], "SQL", Previous(("became_sql", 0.30, "C", "SQL")), []);

        var body = Single(events, WebhookEventTypes.GradeChanged);
        Assert.Equal("00Q-1", body.GetProperty("leadId").GetString());
        Assert.Equal("became_sql", body.GetProperty("outcome").GetString());
        Assert.Equal("C", body.GetProperty("old").GetString());
        Assert.Equal("A", body.GetProperty("new").GetString());
        Assert.Equal(0.30, body.GetProperty("oldProbability").GetDouble());
        Assert.Equal(0.62, body.GetProperty("newProbability").GetDouble());
        Assert.Equal("v0002", body.GetProperty("model").GetProperty("version").GetString());
    }

    [Fact]
    public void Nothing_changes_nothing_is_announced()
    {
        Assert.Empty(Of([new("became_sql", 0.31, "C")], "MQL", Previous(("became_sql", 0.30, "C", "MQL")), HalfForSql));
    }

    [Theory]
    [InlineData(0.40, 0.55, "up")]
    [InlineData(0.55, 0.40, "down")]
    [InlineData(0.49, 0.50, "up")]
    public void Crossing_a_threshold_either_way_is_announced_with_its_direction(double before, double after, string direction)
    {
        var body = Single(Of([new("became_sql", after, "B")], null, Previous(("became_sql", before, "B", null)), HalfForSql), WebhookEventTypes.CrossedThreshold);

        Assert.Equal(direction, body.GetProperty("direction").GetString());
        Assert.Equal(0.5, body.GetProperty("threshold").GetDouble());
        Assert.Equal(before, body.GetProperty("old").GetDouble());
        Assert.Equal(after, body.GetProperty("new").GetDouble());
    }

    [Fact]
    public void A_first_scoring_above_a_threshold_counts_as_crossing_it_from_below_and_one_below_is_silent()
    {
        var hot = Single(Of([new("became_sql", 0.7, "A")], "SQL", null, HalfForSql), WebhookEventTypes.CrossedThreshold);
        Assert.Equal(JsonValueKind.Null, hot.GetProperty("old").ValueKind);
        Assert.Empty(Of([new("became_sql", 0.2, "C")], "MQL", null, HalfForSql));
    }

    [Fact]
    public void A_threshold_for_one_outcome_ignores_the_others_and_one_without_an_outcome_watches_all()
    {
        var outcomes = new ScoredOutcome[] { new("became_mql", 0.8, "A"), new("became_sql", 0.6, "A") };

        Assert.Single(Of(outcomes, null, null, HalfForSql));
        Assert.Equal(2, Of(outcomes, null, null, [new(null, 0.5)]).Count);
    }

    [Fact]
    public void A_rules_stage_change_is_one_event_for_the_lead_not_one_per_outcome()
    {
        var previous = Previous(("became_mql", 0.3, "C", "Lead"), ("became_sql", 0.1, "D", "Lead"));
        var events = Of([new("became_mql", 0.3, "C"), new("became_sql", 0.1, "D")], "MQL", previous, []);

        var body = Single(events, WebhookEventTypes.StageChanged);
        Assert.Equal("Lead", body.GetProperty("old").GetString());
        Assert.Equal("MQL", body.GetProperty("new").GetString());
        Assert.False(body.TryGetProperty("outcome", out _));
    }

    [Fact]
    public void Only_wanted_types_are_looked_for()
    {
        var events = LeadEvents.Of("00Q-1", [new("became_sql", 0.62, "A")], "SQL", Previous(("became_sql", 0.30, "C", "MQL")), Model, Now, HalfForSql,
            type => type == WebhookEventTypes.StageChanged);

        Assert.Equal([WebhookEventTypes.StageChanged], events.Select(e => e.Type));
    }

    [Fact]
    public void Every_event_has_its_own_id_in_its_body()
    {
        var events = Of([new("became_sql", 0.62, "A")], "SQL", Previous(("became_sql", 0.30, "C", "MQL")), HalfForSql);

        Assert.Equal(3, events.Select(e => e.Id).Distinct().Count());
        Assert.All(events, e => Assert.Equal(e.Id, JsonDocument.Parse(e.Body).RootElement.GetProperty("id").GetString()));
    }

    private static IReadOnlyList<WebhookEvent> Of(ScoredOutcome[] outcomes, string? stage, IReadOnlyDictionary<string, PreviousScore>? previous, ProbabilityThreshold[] thresholds) =>
        LeadEvents.Of("00Q-1", outcomes, stage, previous, Model, Now, thresholds, _ => true);

    private static Dictionary<string, PreviousScore> Previous(params (string Outcome, double Probability, string Grade, string? Stage)[] scores) =>
        scores.ToDictionary(s => s.Outcome, s => new PreviousScore(s.Probability, Now.AddDays(-1), "v0001", null) { Grade = s.Grade, RuleStage = s.Stage });

    private static JsonElement Single(IReadOnlyList<WebhookEvent> events, string type)
    {
        var e = Assert.Single(events, x => x.Type == type);
        return JsonDocument.Parse(e.Body).RootElement;
    }
}
