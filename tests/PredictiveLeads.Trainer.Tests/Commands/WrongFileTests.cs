namespace PredictiveLeads.Trainer.Tests.Commands;

/// <summary>A file of another kind of export scored with a bundle is refused, not scored as all-missing.</summary>
public sealed class WrongFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string DefaultBundle => Path.Combine(RepositoryRoot.Path, "models/default/v0001");

    private string ForeignExport() => _temp.Write("foreign.csv",
        "Prospect ID,Lead Origin,TotalVisits,Total Time Spent on Website,Converted\n" +
        string.Concat(Enumerable.Range(0, 50).Select(i => $"p{i},API,{i % 7},{i * 13},{i % 2}\n")));

    [Fact]
    public async Task Scoring_a_file_that_lacks_most_model_columns_exits_1_naming_them()
    {
        var out_ = _temp.File("scores.csv");

        var run = await TrainerRun.Invoke("score", "--model", DefaultBundle, "--data", ForeignExport(), "--out", out_);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("columns the models read are not in the file", run.Error);
        Assert.Contains("pricing_page_views", run.Error);
        Assert.Contains("--allow-missing-columns", run.Error);
        Assert.False(File.Exists(out_));
    }

    [Fact]
    public async Task Allow_missing_columns_scores_it_anyway_with_the_warning()
    {
        var out_ = _temp.File("scores.csv");

        var run = await TrainerRun.Invoke("score", "--model", DefaultBundle, "--data", ForeignExport(), "--out", out_, "--allow-missing-columns");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(51, File.ReadAllLines(out_).Length);
    }

    [Fact]
    public async Task Evaluate_refuses_it_too()
    {
        var foreign = _temp.Write("labelled.csv", "lead_id,Lead Origin,became_sql\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"p{i},API,{i % 2}\n")));

        var run = await TrainerRun.Invoke("evaluate", "--model", DefaultBundle, "--data", foreign);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("columns the models read are not in the file", run.Error);
    }

    [Fact]
    public async Task Evaluate_on_the_training_file_warns_how_many_rows_were_trained_on()
    {
        var train = _temp.Write("train.csv", SyntheticData.Leads(1000, seed: 1));
        var fresh = _temp.Write("fresh.csv", SyntheticData.Leads(400, seed: 2).Replace("\nL", "\nN", StringComparison.Ordinal));
        var model = _temp.File("model");
        Assert.Equal(0, (await TrainerRun.Invoke("train", "--data", train, "--label", "converted", "--id", "Lead Id", "--out", model, "--quiet")).ExitCode);
        Assert.True(File.Exists(Path.Combine(model, "training-ids.bin")));

        var onTraining = await TrainerRun.Invoke("evaluate", "--model", model, "--data", train);
        var onFresh = await TrainerRun.Invoke("evaluate", "--model", model, "--data", fresh);

        Assert.Equal(0, onTraining.ExitCode);
        Assert.Contains("warning: 800 of the 1,000 rows (80%) were used to train this bundle (matched by Lead Id)", onTraining.Error);
        Assert.Equal(0, onFresh.ExitCode);
        Assert.DoesNotContain("were used to train", onFresh.Error);
    }
}
