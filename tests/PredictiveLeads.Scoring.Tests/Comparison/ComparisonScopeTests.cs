using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Comparison;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Tests.Comparison;

public sealed class ComparisonScopeTests
{
    private static readonly Calibrator PointsOverHundred = IsotonicRegression.Fit([0, 50, 100, 0, 50, 100], [0, 0, 1, 0, 1, 1]);

    private static BundleManifest Manifest(params BundleOutcome[] outcomes) => new() { Outcomes = outcomes };

    private static BundleOutcome Outcome(string label, FunnelStage? stage = null) =>
        new() { Label = label, Source = OutcomeSource.Model, Stage = stage, RulesCalibration = PointsOverHundred };

    [Fact]
    public void Without_an_outcome_asked_for_the_one_recording_SQL_is_compared_else_the_last()
    {
        var funnel = Manifest(Outcome("became_mql", FunnelStage.Mql), Outcome("became_sql", FunnelStage.Sql), Outcome("won", FunnelStage.Won));
        var unstaged = Manifest(Outcome("Converted", FunnelStage.Won), Outcome("Renewed", FunnelStage.Won));

        Assert.Equal(("became_sql", (string?)null), ComparisonScope.Outcome(funnel, "v0003", null));
        Assert.Equal(("won", (string?)null), ComparisonScope.Outcome(funnel, "v0003", "won"));
        Assert.Equal(("Renewed", (string?)null), ComparisonScope.Outcome(unstaged, "v0001", null));
    }

    [Fact]
    public void An_outcome_the_bundle_lacks_is_refused_naming_the_ones_it_has()
    {
        var (outcome, problem) = ComparisonScope.Outcome(Manifest(Outcome("became_mql"), Outcome("became_sql")), "v0002", "became_opportunity");

        Assert.Null(outcome);
        Assert.Equal("'became_opportunity' is not an outcome of v0002; expected one of became_mql, became_sql", problem);
    }

    [Fact]
    public void A_version_without_test_lead_scores_says_how_to_get_them()
    {
        var (leads, problem) = ComparisonScope.Holdout(null, "became_sql", "v0007");

        Assert.Null(leads);
        Assert.Contains("v0007 has no test-lead scores (holdout.json)", problem);
        Assert.Contains("source=live", problem);
    }

    [Fact]
    public void Live_leads_are_labelled_by_the_outcome_stage_and_get_the_rules_probability_of_their_points()
    {
        var start = new DateTime(2025, 3, 3, 0, 0, 0, DateTimeKind.Utc);
        LoggedScore[] latest = [new("a", null, start, 0.9, 100, FunnelStage.Sql), new("b", null, start.AddDays(1), 0.2, 0, FunnelStage.Lead), new("c", null, start.AddDays(2), 0.5, 50, FunnelStage.Mql)];
        var furthest = new Dictionary<string, FunnelStage> { ["a"] = FunnelStage.Opportunity, ["b"] = FunnelStage.Mql };

        var leads = ComparisonScope.Live(Manifest(Outcome("became_mql", FunnelStage.Mql), Outcome("became_sql", FunnelStage.Sql)), "became_sql", latest, RecordedOutcomes.FromStages(furthest));

        Assert.Equal(ComparedLeads.LiveSource, leads.Source);
        Assert.Equal([1, 0, null], leads.Actual);
        Assert.Equal([.. latest.Select(l => PointsOverHundred.Probability(l.RulePoints!.Value))], leads.Rules!);
        Assert.True(leads.Rules![0] > leads.Rules[2] && leads.Rules[2] > leads.Rules[1]);
    }
}
