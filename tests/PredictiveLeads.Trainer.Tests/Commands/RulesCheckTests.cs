namespace PredictiveLeads.Trainer.Tests.Commands;

public sealed class RulesCheckTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Repo(string path) => Path.Combine(RepositoryRoot.Path, path);

    [Fact]
    public async Task The_default_rules_pass_on_the_sample_with_each_rule_s_count()
    {
        var run = await TrainerRun.Invoke("rules", "check", "--rules", Repo("models/rules.default.json"), "--data", Repo("training-data/sample-leads.csv"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Default points rules on 20,000 leads", run.Output);
        Assert.Matches(@"Demo request\s+demo_requested\s+[\d,]+ leads", run.Output);
        Assert.DoesNotContain("NEVER FIRES", run.Output);
    }

    [Fact]
    public async Task A_rule_that_can_never_fire_fails_the_check_naming_it()
    {
        var rules = _temp.Write("rules.json", """
            { "name": "Typos", "rules": [
              { "name": "Enterprise", "when": { "field": "company_size_band", "equals": "Enterprize" }, "points": 20 },
              { "name": "Demo", "when": { "field": "demo_requested", "equals": 1 }, "points": 30 } ] }
            """);

        var run = await TrainerRun.Invoke("rules", "check", "--rules", rules, "--data", Repo("training-data/sample-leads.csv"));

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"Enterprise\s+company_size_band\s+0 leads\s+0\.0%\s+NEVER FIRES", run.Output);
        Assert.DoesNotMatch(@"Demo\s+demo_requested\s+.*NEVER", run.Output);
    }

    [Fact]
    public async Task Fields_the_export_lacks_fail_the_check_naming_them()
    {
        var data = _temp.Write("leads.csv", SyntheticData.Leads(100, seed: 1));

        var run = await TrainerRun.Invoke("rules", "check", "--rules", Repo("models/rules.default.json"), "--data", data);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("are not in", run.Output);
        Assert.Contains("demo_requested", run.Output);
    }
}
