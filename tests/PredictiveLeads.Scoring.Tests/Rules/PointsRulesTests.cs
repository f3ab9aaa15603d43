using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Rules;

namespace PredictiveLeads.Scoring.Tests.Rules;

public sealed class PointsRulesTests : IDisposable
{
    private static readonly string DefaultRules = Path.Combine(RepositoryRoot.Path, "models", "rules.default.json");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static ParsedRow Lead(params (string Field, string? Value)[] fields) =>
        new RowParser(new Dictionary<string, ColumnKind>(), []).Parse(fields.ToDictionary(f => f.Field, f => f.Value));

    [Fact]
    public void A_demo_request_from_a_decision_maker_at_a_target_company_is_an_sql()
    {
        var rules = PointsRules.Load(DefaultRules);

        var score = rules.Score(Lead(("demo_requested", "1"), ("pricing_page_views", "3"), ("job_title_seniority", "VP"),
            ("company_size_band", "201-1000"), ("days_since_last_activity", "2"), ("email_domain_type", "corporate")));

        Assert.Equal(30 + 24 + 15 + 10, score.Points);
        Assert.Equal(FunnelStage.Sql, score.Stage);
        Assert.Contains(score.Hits, h => h.Rule == "Pricing page views" && h.Points == 24);
    }

    [Fact]
    public void Caps_negative_points_and_inactivity_decay_apply()
    {
        var rules = PointsRules.Load(DefaultRules);

        var engaged = rules.Score(Lead(("pricing_page_views", "9"), ("webinar_attended", "2"), ("days_since_last_activity", "54"), ("page_views", "12")));
        var student = rules.Score(Lead(("email_domain_type", "education"), ("demo_requested", "Yes"), ("days_since_last_activity", "1")));

        Assert.Equal(24 + 15 + 10 - 12, engaged.Points); // pricing capped at 24; 24 idle days past the 30-day grace cost 12
        Assert.Equal(FunnelStage.Lead, engaged.Stage);
        Assert.Equal(0, student.Points); // 30 - 40, kept at the minimum score
    }

    [Fact]
    public void A_lead_with_no_activity_loses_the_most_points()
    {
        var rules = PointsRules.Load(DefaultRules);

        var score = rules.Score(Lead(("demo_requested", "1"), ("job_title_seniority", "Director"), ("company_size_band", "51-200"), ("days_since_last_activity", null)));

        Assert.Equal(30 + 15 + 10 - 20, score.Points);
        Assert.Equal(FunnelStage.Lead, score.Stage);
    }

    [Theory]
    [InlineData("{\"rules\": []}", "has no rules")]
    [InlineData("{\"rules\": [{\"name\": \"x\", \"when\": {\"field\": \"a\"}, \"points\": 1}]}", "exactly one of")]
    [InlineData("{\"rules\": [{\"name\": \"x\", \"when\": {\"field\": \"a\", \"between\": [5, 1]}, \"points\": 1}]}", "min <= max")]
    [InlineData("{\"rulez\": []}", "not a valid rules file")]
    [InlineData("{\"rules\": [ {", "not a valid rules file")]
    public void A_bad_rules_file_is_refused_with_its_name(string json, string expected)
    {
        var path = _temp.Write("rules.json", json);

        var error = Assert.Throws<DataFormatException>(() => PointsRules.Load(path));

        Assert.StartsWith(path, error.Message);
        Assert.Contains(expected, error.Message);
    }
}
