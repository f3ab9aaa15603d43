using System.Text.Json;

namespace PredictiveLeads.Trainer.Tests.Commands;

public sealed class TrainScoreEvaluateTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Train_then_score_then_evaluate_on_real_files()
    {
        var train = _temp.Write("train.csv", SyntheticData.Leads(3000, seed: 1));
        var test = _temp.Write("test.csv", SyntheticData.Leads(1000, seed: 2));
        var model = _temp.File("model");
        var scores = _temp.File("scores.csv");

        var trained = await TrainerRun.Invoke("train", "--data", train, "--label", "converted", "--id", "Lead Id", "--out", model, "--seed", "5", "--quiet");
        Assert.Equal(0, trained.ExitCode);
        Assert.Contains("model  test ROC AUC", trained.Output);
        Assert.Contains("split: by time (newest leads held out)", trained.Output);
        foreach (var file in new[] { "bundle.json", "converted.model.json", "metadata.json", "report.json", "report.md", "report.html" })
            Assert.True(File.Exists(Path.Combine(model, file)), file);
        Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(model, "report.html")));
        using (var metadata = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model, "metadata.json"))))
            Assert.StartsWith("train --data ", metadata.RootElement.GetProperty("command").GetString());

        var scored = await TrainerRun.Invoke("score", "--model", model, "--data", test, "--out", scores);
        Assert.Equal(0, scored.ExitCode);
        var lines = File.ReadAllLines(scores);
        Assert.Equal("Lead Id,converted_probability", lines[0]);
        Assert.Equal(1001, lines.Length);
        Assert.StartsWith("L000000,", lines[1]);
        Assert.All(lines.Skip(1), line => Assert.InRange(double.Parse(line.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture), 0, 1));

        var evaluated = await TrainerRun.Invoke("evaluate", "--model", model, "--data", test, "--json");
        Assert.Equal(0, evaluated.ExitCode);
        using var json = JsonDocument.Parse(evaluated.Output);
        var converted = json.RootElement.GetProperty("converted");
        Assert.InRange(converted.GetProperty("rocAuc").GetDouble(), 0.7, 1);
        Assert.Equal(1000, converted.GetProperty("rows").GetInt32());
        Assert.Equal(10, converted.GetProperty("deciles").GetArrayLength());
    }

    [Fact]
    public async Task Score_numbers_rows_when_the_model_has_no_id()
    {
        var train = _temp.Write("train.csv", SyntheticData.Leads(1500, seed: 3));
        var model = _temp.File("model");
        var scores = _temp.File("scores.csv");

        Assert.Equal(0, (await TrainerRun.Invoke("train", "--data", train, "--label", "converted", "--ignore", "Lead Id", "--out", model, "--quiet")).ExitCode);
        Assert.Equal(0, (await TrainerRun.Invoke("score", "--model", model, "--data", train, "--out", scores)).ExitCode);

        var lines = File.ReadAllLines(scores);
        Assert.Equal("row,converted_probability", lines[0]);
        Assert.StartsWith("1,", lines[1]);
        Assert.StartsWith("1500,", lines[^1]);
    }

    [Fact]
    public async Task Training_twice_with_the_same_seed_writes_the_same_model_bytes()
    {
        var train = _temp.Write("train.csv", SyntheticData.Leads(2000, seed: 4));
        string[] common = ["train", "--data", train, "--label", "converted", "--id", "Lead Id", "--seed", "9", "--quiet", "--row-sample", "0.7"];

        await TrainerRun.Invoke([.. common, "--out", _temp.File("a"), "--threads", "1"]);
        await TrainerRun.Invoke([.. common, "--out", _temp.File("b"), "--threads", "2"]);

        foreach (var file in new[] { "bundle.json", "converted.model.json", "report.json" })
            Assert.Equal(File.ReadAllBytes(_temp.File("a/" + file)), File.ReadAllBytes(_temp.File("b/" + file)));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("Lead Id,x,converted\n", "no data rows")]
    [InlineData("Lead Id,x,converted\nL1,1,0\nL2,2\n", ":3: has 2 fields")]
    [InlineData("Lead Id,x,converted\nL1,1,0\nL2,2,1\nL3,3,2\n", "the label must be 0/1")]
    [InlineData("Lead Id,x,converted\nL1,1,1\nL2,2,1\nL3,3,1\n", "every labelled row is 1")]
    [InlineData("Lead Id,x,converted\nL1,\"1,0\nL2,2,1\n", "never closed")]
    public async Task Bad_data_gives_one_line_exit_code_1_and_no_model(string content, string expected)
    {
        var data = _temp.Write("bad.csv", content);
        var model = _temp.File("model");

        var run = await TrainerRun.Invoke("train", "--data", data, "--label", "converted", "--id", "Lead Id", "--out", model, "--quiet");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", run.Error);
        Assert.False(Directory.Exists(model));
    }

    [Fact]
    public async Task Binary_garbage_and_a_missing_file_are_data_errors()
    {
        var garbage = _temp.File("garbage.csv");
        await File.WriteAllBytesAsync(garbage, [0x1F, 0x8B, 0x08, 0x00, 0x00, 0xFF]);

        var binary = await TrainerRun.Invoke("train", "--data", garbage, "--label", "converted", "--quiet");
        var missing = await TrainerRun.Invoke("train", "--data", _temp.File("nope.csv"), "--label", "converted", "--quiet");

        Assert.Equal((1, 1), (binary.ExitCode, missing.ExitCode));
        Assert.Contains("not a text CSV file", binary.Error);
        Assert.Contains("file not found", missing.Error);
    }

    [Theory]
    [InlineData("train", "--label", "converted")]
    [InlineData("train", "--data", "x.csv", "--label", "converted", "--trees", "zero")]
    [InlineData("train", "--data", "x.csv", "--label", "converted", "--learning-rate", "0")]
    [InlineData("train", "--data", "x.csv", "--label", "converted", "--learner", "forest")]
    [InlineData("frobnicate")]
    public async Task Bad_arguments_give_exit_code_2(params string[] args)
    {
        var run = await TrainerRun.Invoke(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error:", run.Error);
    }

    [Fact]
    public async Task A_corrupt_model_is_a_data_error()
    {
        var model = _temp.File("model");
        Directory.CreateDirectory(model);
        await File.WriteAllTextAsync(Path.Combine(model, "bundle.json"), "{\"format\": 12");
        var data = _temp.Write("d.csv", SyntheticData.Leads(10, seed: 1));

        var run = await TrainerRun.Invoke("score", "--model", model, "--data", data, "--out", _temp.File("s.csv"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a readable bundle manifest", run.Error);
        Assert.False(File.Exists(_temp.File("s.csv")));
    }

    [Theory]
    [InlineData("\"conditionalOn\": \"became_mql\",", "", "the model file of 'became_sql' multiplies in an earlier outcome's probability, but the manifest serves 'became_sql' on its own")]
    [InlineData("\"conditionalOn\": \"became_mql\",", "\"conditionalOn\": \"became_won\",", "'became_sql' is served through 'became_won', which is not an outcome a model of this bundle serves")]
    public async Task A_bundle_whose_manifest_and_chained_model_file_disagree_is_refused(string written, string edited, string expected)
    {
        var model = _temp.File("model");
        Directory.CreateDirectory(model);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "models/default/v0001")))
            File.Copy(file, Path.Combine(model, Path.GetFileName(file)));
        var manifest = Path.Combine(model, "bundle.json");
        var text = await File.ReadAllTextAsync(manifest);
        Assert.Contains(written, text);
        await File.WriteAllTextAsync(manifest, text.Replace(written, edited, StringComparison.Ordinal));

        var run = await TrainerRun.Invoke("score", "--model", model, "--data", Path.Combine(RepositoryRoot.Path, "training-data/sample-leads.csv"), "--out", _temp.File("s.csv"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.False(File.Exists(_temp.File("s.csv")));
    }
}
