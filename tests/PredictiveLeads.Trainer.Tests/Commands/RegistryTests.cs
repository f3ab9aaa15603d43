namespace PredictiveLeads.Trainer.Tests.Commands;

public sealed class RegistryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<TrainerRun> Publish(string data, params string[] extra) =>
        await TrainerRun.Invoke(["train", "--data", data, "--label", "converted", "--id", "Lead Id", "--registry", _temp.File("models"), "--name", "leads", "--quiet", .. extra]);

    [Fact]
    public async Task Versions_are_published_gated_listed_and_rolled_back()
    {
        var data = _temp.Write("leads.csv", SyntheticData.Leads(3000, seed: 51));
        var current = Path.Combine(_temp.File("models"), "leads", "current");

        Assert.Equal(0, (await Publish(data, "--trees", "40")).ExitCode);
        Assert.Equal("v0001", File.ReadAllText(current).Trim());

        var worse = await Publish(data, "--trees", "2", "--max-leaves", "2");
        Assert.Equal(1, worse.ExitCode);
        Assert.Contains("not published", worse.Error);
        Assert.False(Directory.Exists(Path.Combine(_temp.File("models"), "leads", "v0002")));
        Assert.Equal("v0001", File.ReadAllText(current).Trim());

        Assert.Equal(0, (await Publish(data, "--trees", "2", "--max-leaves", "2", "--force")).ExitCode);
        Assert.Equal("v0002", File.ReadAllText(current).Trim());

        var list = await TrainerRun.Invoke("models", "list", "--registry", _temp.File("models"));
        Assert.Contains("* v0002", list.Output);
        Assert.Contains("  v0001", list.Output);

        var rollback = await TrainerRun.Invoke("models", "activate", "leads", "v0001", "--registry", _temp.File("models"));
        Assert.Equal(0, rollback.ExitCode);
        Assert.Equal("v0001", File.ReadAllText(current).Trim());

        var unknown = await TrainerRun.Invoke("models", "activate", "leads", "v0042", "--registry", _temp.File("models"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("not a published version", unknown.Error);
    }

    [Fact]
    public async Task Shadow_publishes_a_new_version_as_the_challenger_and_leaves_the_current_one_served()
    {
        var data = _temp.Write("leads.csv", SyntheticData.Leads(3000, seed: 52));
        var folder = Path.Combine(_temp.File("models"), "leads");

        var first = await Publish(data, "--trees", "20", "--shadow");
        Assert.Equal(2, first.ExitCode);
        Assert.Contains("no current version", first.Error);
        Assert.Equal(0, (await Publish(data, "--trees", "20")).ExitCode);

        var shadow = await Publish(data, "--trees", "2", "--max-leaves", "2", "--shadow");

        Assert.Equal(0, shadow.ExitCode);
        Assert.Contains("v0002 as the challenger of v0001", shadow.Error);
        Assert.Equal("v0001", File.ReadAllText(Path.Combine(folder, "current")).Trim());
        Assert.Equal("v0002", File.ReadAllText(Path.Combine(folder, "challenger")).Trim());
        var withoutRegistry = await TrainerRun.Invoke("train", "--data", data, "--label", "converted", "--shadow", "--quiet");
        Assert.Equal(2, withoutRegistry.ExitCode);
        Assert.Contains("--registry", withoutRegistry.Error);
    }

    [Fact]
    public async Task A_bad_model_name_is_a_usage_error()
    {
        var run = await TrainerRun.Invoke("train", "--data", "x.csv", "--label", "y", "--registry", _temp.File("models"), "--name", "../escape");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a valid model name", run.Error);
    }
}
