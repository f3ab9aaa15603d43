using PredictiveLeads.Scoring.Comparison;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Tests.Comparison;

public sealed class MethodComparisonTests
{
    private static readonly DateTime Start = new(2025, 3, 3, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Six live leads: the model ranks the converters first, the rules hand over the wrong two; one outcome is not known yet.</summary>
    private static ComparedLeads Leads()
    {
        LoggedScore[] latest =
        [
            new("a", "acct-1", Start, 0.9, 10, FunnelStage.Lead),
            new("b", "acct-1", Start.AddDays(3), 0.8, 20, FunnelStage.Lead),
            new("c", null, Start.AddDays(7), 0.3, 60, FunnelStage.Mql),
            new("d", null, Start.AddDays(10), 0.2, 70, FunnelStage.Sql),
            new("e", null, Start.AddDays(14), 0.1, 5, FunnelStage.Lead),
            new("f", null, Start.AddDays(21), 0.7, 15, FunnelStage.Lead),
        ];
        var furthest = new Dictionary<string, FunnelStage>
        {
            ["a"] = FunnelStage.Sql, ["b"] = FunnelStage.Mql, ["c"] = FunnelStage.Disqualified, ["d"] = FunnelStage.Lost, ["e"] = FunnelStage.Disqualified,
        };
        var recorded = RecordedOutcomes.FromStages(furthest);
        return ComparedLeads.FromLog(latest, lead => recorded.Label(lead, "became_mql", FunnelStage.Mql), points => points / 100);
    }

    [Fact]
    public void Model_and_rules_are_judged_on_the_leads_whose_outcome_is_known()
    {
        var summary = MethodComparison.Compare(Leads(), "became_mql");

        Assert.Equal((ComparedLeads.LiveSource, 5, 2), (summary.Source, summary.Leads, summary.Positives));
        Assert.Equal(3, summary.Weeks);
        Assert.Equal(1, summary.Model!.RocAuc);
        Assert.Equal(1.0 / 3, summary.Rules!.RocAuc!.Value, 5);
        Assert.Equal([0, 1, 2, 2, 2, 2], summary.Model.Caught);
        Assert.Equal(new RulesAsConfigured(2, 0), summary.RulesToday);
    }

    [Fact]
    public void Hidden_gems_are_the_models_favourites_the_rules_keep_back_and_false_alarms_the_reverse()
    {
        var (gems, alarms) = MethodComparison.Disagree(Leads(), count: 2);

        Assert.Equal(["a", "b"], gems.Select(g => g.Id));
        Assert.Equal(["d", "c"], alarms.Select(a => a.Id));
        Assert.Equal(5.0 / 6, gems[0].ModelPercentile, 4);
        Assert.Equal(1, gems[0].Actual);
        Assert.Equal(FunnelStage.Sql, alarms[0].RuleStage);
    }
}
