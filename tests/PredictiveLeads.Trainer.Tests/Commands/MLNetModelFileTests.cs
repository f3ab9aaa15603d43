namespace PredictiveLeads.Trainer.Tests.Commands;

public sealed class MLNetModelFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Repo(string path) => Path.Combine(RepositoryRoot.Path, path);

    [Fact]
    [Trait("Category", "Slow")]
    public async Task The_default_bundles_ML_NET_files_score_every_sample_lead_as_the_score_command_does()
    {
        var scores = _temp.File("scores.csv");
        var run = await TrainerRun.Invoke("score", "--model", Repo("models/default/v0001"), "--data", Repo("training-data/sample-leads.csv"), "--out", scores);
        Assert.Equal(0, run.ExitCode);

        foreach (var outcome in new[] { "became_mql", "became_sql" })
        {
            var ours = ScoreFile.Column(scores, $"{outcome}_probability");
            var mlnet = MLNetConsumer.Probabilities(Repo($"models/default/v0001/{outcome}.mlnet.zip"), Repo("training-data/sample-leads.csv"));
            Assert.Equal(20_000, ours.Length);
            Assert.Equal(ours.Length, mlnet.Length);
            var worst = Enumerable.Range(0, ours.Length).MaxBy(i => Math.Abs(ours[i] - mlnet[i]));
            Assert.True(Math.Abs(ours[worst] - mlnet[worst]) <= 1e-5, $"{outcome}, row {worst + 1}: ours {ours[worst]}, ML.NET {mlnet[worst]}");
        }
    }

    [Theory]
    [InlineData("lightgbm")]
    public async Task A_model_trained_on_an_export_scores_it_in_ML_NET_as_in_our_scorer(string learner)
    {
        // Dates, yes/no text, categories and missing numbers: every kind of raw field the model file must read itself.
        var data = _temp.Write("leads.csv", SyntheticData.Leads(3000, seed: 7));
        var model = _temp.File("bundle");
        var scores = _temp.File("scores.csv");

        var trained = await TrainerRun.Invoke("train", "--data", data, "--label", "converted", "--id", "Lead Id", "--learner", learner,
            "--no-rules", "--out", model, "--quiet");
        var scored = await TrainerRun.Invoke("score", "--model", model, "--data", data, "--out", scores);

        Assert.True(trained.ExitCode == 0, trained.Error);
        Assert.Equal(0, scored.ExitCode);
        var ours = ScoreFile.Column(scores, "converted_probability");
        var mlnet = MLNetConsumer.Probabilities(Path.Combine(model, "converted.mlnet.zip"), data);
        Assert.Equal(3000, mlnet.Length);
        Assert.All(Enumerable.Range(0, ours.Length), i => Assert.True(Math.Abs(ours[i] - mlnet[i]) <= 1e-5, $"row {i + 1}: ours {ours[i]}, ML.NET {mlnet[i]}"));
        Assert.True(ours.Distinct().Count() > 100, "the model should tell leads apart");
        var input = await File.ReadAllTextAsync(Path.Combine(model, "LeadInput.cs"));
        Assert.Contains("[LoadColumn(1)]", input);
        Assert.Contains("public DateTime Created_at { get; set; }", input);
        Assert.Contains("public string Demo { get; set; }", input);
        Assert.Contains("public float Visits { get; set; }", input);
        Assert.DoesNotContain("Lead_Id", input);
    }

    /// <summary>The same for the other learners; on the full run only, the default learner's case runs every time.</summary>
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("fasttree")]
    [InlineData("logistic")]
    public Task A_model_trained_on_an_export_scores_it_in_ML_NET_as_in_our_scorer_with_the_other_learners(string learner) => A_model_trained_on_an_export_scores_it_in_ML_NET_as_in_our_scorer(learner);
}
