using PredictiveLeads.Trainer.Output;

namespace PredictiveLeads.Trainer.Tests.Commands;

public sealed class SettingsTests
{
    [Fact]
    public void The_readme_lists_every_training_setting_as_declared()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")).ReplaceLineEndings("\n");
        var table = SettingsTable.Markdown();

        Assert.True(readme.Contains(table, StringComparison.Ordinal), "README.md should hold this table of training settings:\n" + table);
    }

    [Fact]
    public async Task A_setting_out_of_its_declared_range_is_a_usage_error_naming_it()
    {
        using var directory = new TempDirectory();

        var run = await TrainerRun.Invoke("train", "--data", Path.Combine(RepositoryRoot.Path, "training-data", "sample-leads.csv"),
            "--label", "became_sql", "--out", directory.File("model"), "--category-l2", "-1", "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("categoryL2 (--category-l2) = -1 is out of range; it must be at least 0", run.Error);
    }

    [Fact]
    public async Task The_model_file_and_the_metadata_record_every_setting_as_it_was_given()
    {
        using var directory = new TempDirectory();
        var model = directory.File("model");

        var run = await TrainerRun.Invoke("train", "--data", Path.Combine(RepositoryRoot.Path, "training-data", "sample-leads.csv"),
            "--label", "became_sql", "--id", "lead_id", "--out", model, "--trees", "30", "--validation-share", "0.3", "--category-l2", "5", "--no-rules", "--quiet");

        Assert.Equal(0, run.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "became_sql.model.json")));
        var recorded = document.RootElement.GetProperty("parameters");
        Assert.Equal(("0.3", "5", "30"), (recorded.GetProperty("validationShare").GetString(), recorded.GetProperty("categoryL2").GetString(), recorded.GetProperty("trees").GetString()));
        var expected = PredictiveLeads.Learning.Models.ModelSettings.For(PredictiveLeads.Learning.Models.LearnerKind.LightGbm).Select(s => s.Key).Order(StringComparer.Ordinal);
        Assert.Equal(expected, recorded.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var (metadata, _) = PredictiveLeads.Scoring.Bundles.BundleMetadata.TryLoad(model);
        Assert.Equal(0.3, metadata!.Parameters!["validationShare"].GetDouble());
        Assert.Equal(5, metadata.Parameters["categoryL2"].GetDouble());
        Assert.Equal(40, metadata.Parameters["minimumPerClass"].GetInt32());
    }
}
