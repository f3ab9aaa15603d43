using System.Text.Json;

namespace PredictiveLeads.Trainer.Tests.Commands;

/// <summary>
/// Outcomes that nest (an SQL is an MQL first) are found in the labels or read from the schema; the later one is served
/// through the earlier, so no lead gets it above the earlier, and the report says so or why not.
/// </summary>
public sealed class FunnelNestingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly string Sample = ExportVariants.Head(Path.Combine(RepositoryRoot.Path, "training-data/sample-leads.csv"), 3000);

    [Theory]
    [InlineData("lightgbm")]
    public async Task A_nested_outcome_is_served_through_the_earlier_one_so_no_lead_gets_it_above_the_earlier_and_the_ML_NET_file_agrees(string learner)
    {
        var data = _temp.Write("leads.csv", Sample);
        var model = _temp.File("m");
        var scores = _temp.File("scores.csv");

        var run = await TrainerRun.Invoke("train", "--data", data, "--label", "became_mql,became_sql", "--id", "lead_id", "--ignore", "account_id",
            "--learner", learner, "--out", model, "--quiet");
        var scored = await TrainerRun.Invoke("score", "--model", model, "--data", data, "--out", scores);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("funnel: became_sql comes after became_mql: every lead positive for became_sql is positive for became_mql. "
            + "became_sql is served as P(became_mql) × P(became_sql | became_mql), the second learned from the ", run.Output);
        Assert.Contains("On the test leads, 0 of 600 get a higher probability of became_sql than of became_mql.", run.Output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model, "report.json")));
        var funnel = report.RootElement.GetProperty("funnel").EnumerateArray().Single();
        Assert.Equal("became_mql", funnel.GetProperty("earlier").GetString());
        Assert.True(funnel.GetProperty("chained").GetBoolean());
        Assert.Equal(0, funnel.GetProperty("outOfOrder").GetInt32());
        Assert.InRange(funnel.GetProperty("conditionalTest").GetProperty("rocAuc").GetDouble(), 0.6, 1);
        using var bundle = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model, "bundle.json")));
        Assert.Equal("became_mql", bundle.RootElement.GetProperty("outcomes")[1].GetProperty("conditionalOn").GetString());

        Assert.Equal(0, scored.ExitCode);
        var mql = ScoreFile.Column(scores, "became_mql_probability");
        var sql = ScoreFile.Column(scores, "became_sql_probability");
        Assert.Equal(3000, sql.Length);
        Assert.All(Enumerable.Range(0, sql.Length), i => Assert.True(sql[i] <= mql[i], $"row {i + 1}: P(SQL) {sql[i]} above P(MQL) {mql[i]}"));
        var mlnet = MLNetConsumer.Probabilities(Path.Combine(model, "became_sql.mlnet.zip"), data);
        Assert.All(Enumerable.Range(0, sql.Length), i => Assert.True(Math.Abs(sql[i] - mlnet[i]) <= 1e-5, $"row {i + 1}: ours {sql[i]}, ML.NET {mlnet[i]}"));
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("fasttree")]
    [InlineData("logistic")]
    public Task A_nested_outcome_is_served_through_the_earlier_one_with_the_other_learners(string learner) =>
        A_nested_outcome_is_served_through_the_earlier_one_so_no_lead_gets_it_above_the_earlier_and_the_ML_NET_file_agrees(learner);

    [Fact]
    public async Task Too_few_leads_going_on_from_the_earlier_outcome_keep_the_later_modelled_alone_and_the_report_says_so()
    {
        var model = _temp.File("m");

        var run = await TrainerRun.Invoke("train", "--data", _temp.Write("leads.csv", Sample), "--label", "became_mql,became_sql", "--id", "lead_id",
            "--ignore", "account_id", "--min-per-class", "400", "--out", model, "--quiet");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("became_sql is not served through became_mql: of the fit and validation leads that reached became_mql, ", run.Output);
        Assert.Contains("so became_sql is modelled on all leads and its order is not guaranteed.", run.Output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model, "report.json")));
        var funnel = report.RootElement.GetProperty("funnel").EnumerateArray().Single();
        Assert.False(funnel.GetProperty("chained").GetBoolean());
        using var bundle = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model, "bundle.json")));
        Assert.False(bundle.RootElement.GetProperty("outcomes")[1].TryGetProperty("conditionalOn", out _));
    }

    [Theory]
    [InlineData("[\"became_mql\", \"lead_source\"]", 1, "the funnel names 'lead_source', which is not an outcome")]
    [InlineData("[\"became_mql\", \"became_sqll\"]", 2, "the funnel column 'became_sqll' (did you mean 'became_sql'?)")]
    [InlineData("[\"became_mql\", \"became_sql\", \"became_mql\"]", 1, "the funnel names 'became_mql' more than once")]
    public async Task A_declared_funnel_must_name_outcomes(string funnel, int exitCode, string expected)
    {
        var schema = _temp.Write("schema.json", $"{{\"id\": \"lead_id\", \"outcomes\": [\"became_mql\", \"became_sql\"], \"funnel\": {funnel}}}");

        var run = await TrainerRun.Invoke("train", "--schema", schema, "--data", _temp.Write("leads.csv", Sample), "--out", _temp.File("m"), "--quiet");

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(expected, run.Error);
    }
}
