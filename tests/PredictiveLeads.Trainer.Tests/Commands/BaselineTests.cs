using System.Text.Json;

namespace PredictiveLeads.Trainer.Tests.Commands;

/// <summary>Any export gets a baseline to beat: its own manual score, or the rules; and when there is none, the report says why and how to add one.</summary>
public sealed class BaselineTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly string Sample = ExportVariants.Head(Path.Combine(RepositoryRoot.Path, "training-data/sample-leads.csv"), 3000);

    [Fact]
    public async Task Without_rules_the_report_says_why_and_how_to_add_a_baseline()
    {
        var model = _temp.File("m");

        var run = await TrainerRun.Invoke("train", "--data", _temp.Write("leads.csv", SyntheticData.Leads(1000, seed: 1)), "--label", "converted", "--id", "Lead Id",
            "--out", model, "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("compared with: nothing: the default points rules read fields this export does not have (demo_requested, pricing_page_views", run.Output);
        var markdown = await File.ReadAllTextAsync(Path.Combine(model, "report.md"));
        Assert.Contains("Rules compared: none: the default points rules read fields this export does not have", markdown);
        Assert.Contains("--baseline-score COLUMN", markdown);
        Assert.Contains("rules check --rules FILE --data FILE", markdown);
    }

    [Fact]
    public async Task The_export_s_own_score_is_the_baseline_judged_like_rules_and_not_a_feature()
    {
        var model = _temp.File("m");

        var run = await TrainerRun.Invoke("train", "--data", _temp.Write("leads.csv", Sample), "--label", "became_sql", "--id", "lead_id", "--ignore", "account_id",
            "--baseline-score", "marketing_score", "--out", model, "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("compared with: marketing_score (the export's own score; MQL at", run.Output);
        Assert.Contains("    rules  test ROC AUC", run.Output);
        Assert.Contains("same workload: the rules hand", run.Output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model, "report.json")));
        var outcome = report.RootElement.GetProperty("outcomes")[0];
        Assert.InRange(outcome.GetProperty("rulesPointsRocAuc").GetDouble(), 0.55, 1);
        Assert.DoesNotContain("marketing_score", await File.ReadAllTextAsync(Path.Combine(model, "became_sql.model.json")));
        Assert.Contains(report.RootElement.GetProperty("excludedColumns").EnumerateArray(), e => e.GetProperty("column").GetString() == "marketing_score");
    }

    [Fact]
    public async Task Keep_makes_the_baseline_score_a_feature_too()
    {
        var model = _temp.File("m");

        var run = await TrainerRun.Invoke("train", "--data", _temp.Write("leads.csv", Sample), "--label", "became_sql", "--id", "lead_id", "--ignore", "account_id",
            "--baseline-score", "marketing_score", "--keep", "marketing_score", "--out", model, "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("marketing_score", await File.ReadAllTextAsync(Path.Combine(model, "became_sql.model.json")));
    }

    [Theory]
    [InlineData("industry", 1, "must hold numbers; it holds text")]
    [InlineData("marketng_score", 2, "the baseline score column 'marketng_score' (did you mean 'marketing_score'?) is not in the header")]
    public async Task A_baseline_that_is_not_a_numeric_column_is_refused(string column, int exitCode, string expected)
    {
        var run = await TrainerRun.Invoke("train", "--data", _temp.Write("leads.csv", Sample), "--label", "became_sql", "--baseline-score", column, "--out", _temp.File("m"), "--quiet");

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(expected, run.Error);
    }
}
