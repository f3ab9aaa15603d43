using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Live;

namespace PredictiveLeads.Scoring.Tests.Live;

public sealed class ScoreChangeTests
{
    private static readonly DateTime Then = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_fields_that_moved_most_come_first_with_a_field_missing_on_one_side_counted_as_zero()
    {
        var moves = ScoreChange.Moves([new("demo_requested", -0.3), new("industry", 0.2), new("page_views", 0.1)],
            [new("demo_requested", 0.9), new("industry", 0.2), new("pricing_page_views", 0.5)]);

        Assert.Equal([("demo_requested", -0.3, 0.9), ("pricing_page_views", 0, 0.5), ("page_views", 0.1, 0)], moves.Select(m => (m.Field, m.Before, m.After)));
    }

    [Fact]
    public void A_change_says_why_it_names_no_fields()
    {
        var explained = new OutcomeScore("became_sql", 0.4, OutcomeSource.Model, [], []) { Contributions = [new("demo_requested", 0.9)] };
        var unexplained = explained with { Contributions = null };
        var byRules = new OutcomeScore("became_sql", 0.4, OutcomeSource.Rules, [], []);
        var keptReasons = new PreviousScore(0.1, Then, "default/v0001", [new("demo_requested", -0.3)]);
        var noReasons = keptReasons with { Contributions = null };

        var full = ScoreChange.Between(keptReasons, explained, explained: true)!;
        Assert.Equal((0.4 - 0.1, Then, "default/v0001", null), (full.Probability, full.Since, full.PreviousModelVersion, full.FieldsUnavailable));
        Assert.Equal("demo_requested", Assert.Single(full.Fields).Field);
        Assert.Contains("explain=false", ScoreChange.Between(keptReasons, unexplained, explained: false)!.FieldsUnavailable);
        Assert.Contains("previous scoring was asked without reasons", ScoreChange.Between(noReasons, explained, explained: true)!.FieldsUnavailable);
        Assert.Contains("points rules", ScoreChange.Between(keptReasons, byRules, explained: true)!.FieldsUnavailable);
        Assert.Null(ScoreChange.Between(null, explained, explained: true));
        Assert.Null(ScoreChange.Between(keptReasons with { Probability = null }, explained, explained: true));
    }
}
