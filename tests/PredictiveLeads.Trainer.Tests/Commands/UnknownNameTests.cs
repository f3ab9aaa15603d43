namespace PredictiveLeads.Trainer.Tests.Commands;

/// <summary>Every flag or schema entry that names a column the file lacks is a usage error (exit 2) naming it; nothing is trained.</summary>
public sealed class UnknownNameTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--keep", "industy", "the kept (--keep) column 'industy' (did you mean 'industry'?)")]
    [InlineData("--ignore", "visitz", "the ignored column 'visitz' (did you mean 'visits'?)")]
    [InlineData("--id", "LeadId", "the id column 'LeadId' (did you mean 'Lead Id'?)")]
    [InlineData("--account", "company", "the account id column 'company'")]
    [InlineData("--created-at", "created", "the created-at column 'created'")]
    [InlineData("--label", "Converted2", "the outcome column 'Converted2'")]
    public async Task A_flag_naming_a_missing_column_exits_2_naming_it(string flag, string name, string expected)
    {
        var data = _temp.Write("leads.csv", SyntheticData.Leads(300, seed: 1));
        var model = _temp.File("model");
        string[] label = flag == "--label" ? [] : ["--label", "converted"];

        var run = await TrainerRun.Invoke(["train", "--data", data, .. label, flag, name, "--out", model, "--quiet"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.Contains("is not in the header", run.Error);
        Assert.False(Directory.Exists(model));
    }

    [Theory]
    [InlineData("\"kinds\": {\"pricing\": \"numeric\"}", "the kind override column 'pricing'")]
    [InlineData("\"afterContact\": [\"Tagz\"]", "the after-contact column 'Tagz'")]
    public async Task A_schema_entry_naming_a_missing_column_exits_2_naming_it(string entry, string expected)
    {
        var data = _temp.Write("leads.csv", SyntheticData.Leads(300, seed: 1));
        var schema = _temp.Write("schema.json", $"{{\"outcomes\": [\"converted\"], {entry}}}");

        var run = await TrainerRun.Invoke("train", "--data", data, "--schema", schema, "--out", _temp.File("model"), "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
    }

    [Fact]
    public async Task Every_missing_name_is_listed_at_once()
    {
        var data = _temp.Write("leads.csv", SyntheticData.Leads(300, seed: 1));

        var run = await TrainerRun.Invoke("train", "--data", data, "--label", "converted", "--keep", "a", "--ignore", "b", "--out", _temp.File("model"), "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'a'", run.Error);
        Assert.Contains("'b'", run.Error);
        Assert.Contains("are not in the header", run.Error);
    }
}
