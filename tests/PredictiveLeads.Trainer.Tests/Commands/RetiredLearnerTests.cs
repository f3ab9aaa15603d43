using System.Globalization;

namespace PredictiveLeads.Trainer.Tests.Commands;

/// <summary>Our own boosting and logistic regression were retired for ML.NET's; what they trained must keep working.</summary>
public sealed class RetiredLearnerTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(RepositoryRoot.Path, "tests", "PredictiveLeads.Trainer.Tests", "Fixtures", "before-mlnet");

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("own-trees")]
    [InlineData("own-logistic")]
    public async Task A_bundle_trained_before_ML_NET_scores_as_it_did_then(string bundle)
    {
        var scores = _temp.File("scores.csv");

        var run = await TrainerRun.Invoke("score", "--model", Path.Combine(Fixtures, bundle), "--data", Path.Combine(Fixtures, "leads.csv"), "--out", scores);

        Assert.True(run.ExitCode == 0, run.Error);
        var expected = File.ReadAllLines(Path.Combine(Fixtures, bundle, "expected-scores.csv"));
        var actual = File.ReadAllLines(scores);
        Assert.Equal(201, actual.Length);
        Assert.Equal(expected[0], actual[0]);
        for (var line = 1; line < expected.Length; line++)
        {
            var (id, probability) = Split(expected[line]);
            var (actualId, actualProbability) = Split(actual[line]);
            Assert.Equal(id, actualId);
            Assert.Equal(probability, actualProbability, 12);
        }
    }

    [Theory]
    [InlineData("hist")]
    [InlineData("own-logistic")]
    public async Task Training_with_a_retired_learner_is_refused_with_the_reason(string learner)
    {
        var data = _temp.Write("leads.csv", SyntheticData.Leads(500, seed: 1));

        var run = await TrainerRun.Invoke("train", "--data", data, "--label", "converted", "--out", _temp.File("model"), "--learner", learner, "--quiet");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"--learner {learner}", run.Error);
        Assert.Contains("retired", run.Error);
        Assert.False(Directory.Exists(_temp.File("model")));
    }

    private static (string Id, double Probability) Split(string line)
    {
        var fields = line.Split(',');
        return (fields[0], double.Parse(fields[1], CultureInfo.InvariantCulture));
    }
}
