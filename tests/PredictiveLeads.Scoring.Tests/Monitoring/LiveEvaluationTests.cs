using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Comparison;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Monitoring;

namespace PredictiveLeads.Scoring.Tests.Monitoring;

public sealed class LiveEvaluationTests
{
    private static readonly DateTime Monday = new(2025, 3, 3, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Model_and_rules_are_rated_on_the_same_known_leads_overall_and_week_by_week()
    {
        // Week of 3 March (Monday to Sunday night): the model ranks perfectly, the rules backwards; the next week both rank perfectly.
        KnownScore[] known =
        [
            new(Monday, 0.9, 10, 1), new(Monday.AddDays(1), 0.2, 50, 0), new(Monday.AddDays(6), 0.8, 0, 1), new(Monday.AddDays(6).AddHours(14), 0.1, 40, 0),
            new(Monday.AddDays(7), 0.7, 60, 1), new(Monday.AddDays(8), 0.3, 5, 0),
        ];

        var result = LiveEvaluation.Evaluate("became_sql", known, [], [0.5]);

        Assert.Equal(6, result.LeadsWithOutcome);
        Assert.Equal(3, result.Positives);
        Assert.Equal(1, result.ModelRocAuc);
        Assert.Equal(4.0 / 9, result.RulesRocAuc, 12);
        Assert.Equal(0.5, result.ObservedRate);
        Assert.Equal(0.5, result.MeanPredicted, 12);
        Assert.Equal([new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 10)], result.Weekly.Select(w => w.Week));
        Assert.Equal([4, 2], result.Weekly.Select(w => w.Leads));
        Assert.Equal([0.0, 1.0], result.Weekly.Select(w => w.RulesRocAuc));
        Assert.Equal(6, result.Reliability.Sum(b => b.Rows));
    }

    [Fact]
    public void Nothing_known_yet_gives_numbers_that_are_not_numbers_and_no_drift_reading_from_few_scores()
    {
        var result = LiveEvaluation.Evaluate("became_sql", [], [0.1, 0.9], [0.5]);

        Assert.Equal(0, result.LeadsWithOutcome);
        Assert.True(double.IsNaN(result.ModelRocAuc));
        Assert.True(double.IsNaN(result.ExpectedCalibrationError));
        Assert.Empty(result.Weekly);
        Assert.Equal("too few scores yet", result.Drift.Reading);
        Assert.Equal(2, result.Drift.ScoresCompared);
    }

    [Theory]
    [InlineData(0.5, "stable")]
    [InlineData(0.8, "large shift: check the inputs and consider retraining")]
    public void Enough_recent_scores_give_a_drift_reading(double share, string reading)
    {
        // The reference splits at 0.5; a share of the recent scores falls below it.
        var recent = Enumerable.Range(0, 200).Select(i => i < share * 200 ? 0.2 : 0.8).ToList();

        var result = LiveEvaluation.Evaluate("became_sql", [], recent, [0.5]);

        Assert.Equal(reading, result.Drift.Reading);
    }

    [Fact]
    public void A_bundle_outcome_is_judged_on_the_logged_leads_whose_furthest_stage_is_recorded_labelled_by_its_stage()
    {
        var outcome = new BundleOutcome { Label = "Converted", Source = OutcomeSource.Model, Stage = FunnelStage.Won };
        LoggedScore[] latest =
        [
            new("won", null, Monday, 0.9, 80, FunnelStage.Sql), new("lost", null, Monday, 0.4, 60, FunnelStage.Sql),
            new("sql-only", null, Monday, 0.3, 20, FunnelStage.Mql), new("open", null, Monday, 0.8, 90, FunnelStage.Sql),
        ];
        var furthest = new Dictionary<string, FunnelStage> { ["won"] = FunnelStage.Won, ["lost"] = FunnelStage.Lost, ["sql-only"] = FunnelStage.Sql };

        var result = LiveEvaluation.Evaluate(outcome, latest, RecordedOutcomes.FromStages(furthest), Array.Empty<double>());

        Assert.Equal("Converted", result.Outcome);
        Assert.Equal((3, 1), (result.LeadsWithOutcome, result.Positives));
        Assert.Equal(1, result.ModelRocAuc);
        Assert.Equal(1.0 / 3, result.ObservedRate, 12);
    }
}
