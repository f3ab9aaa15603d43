using System.Text.Json;

namespace PredictiveLeads.Trainer.Tests.Commands;

/// <summary>Outcomes that nest (an SQL is an MQL first) are found in the labels or read from the schema, and the report says how often the probabilities break their order.</summary>
public sealed class FunnelNestingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly string Sample = ExportVariants.Head(Path.Combine(RepositoryRoot.Path, "training-data/sample-leads.csv"), 3000);

    [Fact]
    public async Task Nested_outcomes_are_found_in_the_labels_and_out_of_order_test_leads_are_counted()
    {
        var model = _temp.File("m");

        var run = await TrainerRun.Invoke("train", "--data", _temp.Write("leads.csv", Sample), "--label", "became_mql,became_sql", "--id", "lead_id",
            "--ignore", "account_id", "--out", model, "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("funnel: became_sql comes after became_mql: every lead positive for became_sql is positive for became_mql. On the test leads, ", run.Output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model, "report.json")));
        var funnel = report.RootElement.GetProperty("funnel").EnumerateArray().Single();
        Assert.Equal("became_mql", funnel.GetProperty("earlier").GetString());
        Assert.Equal(600, funnel.GetProperty("testLeads").GetInt32());
        Assert.InRange(funnel.GetProperty("outOfOrder").GetInt32(), 0, 600);
    }

    [Theory]
    [InlineData("[\"became_mql\", \"lead_source\"]", 1, "the funnel names 'lead_source', which is not an outcome")]
    [InlineData("[\"became_mql\", \"became_sqll\"]", 2, "the funnel column 'became_sqll' (did you mean 'became_sql'?)")]
    public async Task A_declared_funnel_must_name_outcomes(string funnel, int exitCode, string expected)
    {
        var schema = _temp.Write("schema.json", $"{{\"id\": \"lead_id\", \"outcomes\": [\"became_mql\", \"became_sql\"], \"funnel\": {funnel}}}");

        var run = await TrainerRun.Invoke("train", "--schema", schema, "--data", _temp.Write("leads.csv", Sample), "--out", _temp.File("m"), "--quiet");

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(expected, run.Error);
    }
}
