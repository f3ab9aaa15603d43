namespace PredictiveLeads.Trainer.Tests.Commands;

/// <summary><c>profile</c> on an export shaped like the public X Education one: its profile, and a draft schema that trains.</summary>
public sealed class ProfileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>The synthetic leads with a text id, a row number, a tag sales set after contact, a lead quality and a form placeholder.</summary>
    private string ExportLikeXEducation()
    {
        var lines = SyntheticData.Leads(2000, seed: 8).TrimEnd('\n').Split('\n');
        var random = new Random(3);
        return _temp.Write("leads.csv", string.Join('\n', lines.Select((line, i) =>
        {
            if (i == 0)
                return "Prospect ID,Lead Number," + line + ",Tags,Lead Quality,Specialization,Lead Owner";
            var converted = line.EndsWith(",1", StringComparison.Ordinal);
            var tag = random.NextDouble() < 0.9 ? (converted ? "Will revert" : "Ringing") : "Other";
            var quality = random.NextDouble() < 0.5 ? "" : random.NextDouble() < 0.5 ? "High" : "Low";
            var specialization = random.NextDouble() < 0.3 ? "Select" : random.NextDouble() < 0.5 ? "Finance" : "Marketing";
            var owner = random.NextDouble() < 0.5 ? "Ann" : "Bob";
            return $"{Guid.NewGuid()},{660000 - i * 3},{line},{tag},{quality},{specialization},{owner}";
        })) + "\n");
    }

    [Fact]
    public async Task The_draft_names_the_id_the_row_number_the_after_contact_columns_and_the_placeholder_and_trains()
    {
        var data = ExportLikeXEducation();
        var draft = _temp.File("draft.json");

        var profiled = await TrainerRun.Invoke("profile", "--data", data, "--label", "converted", "--schema-out", draft);

        Assert.Equal(0, profiled.ExitCode);
        Assert.Matches(@"Tags\s+categorical\s+0\.0% missing\s+3 levels.*converted: AUC 0\.\d+ alone", profiled.Output);
        Assert.Matches(@"visits\s+numeric\s+\d+\.\d% missing.*by missingness", profiled.Output);
        var text = await File.ReadAllTextAsync(draft);
        Assert.Contains("\"id\": \"Prospect ID\"", text);
        Assert.Contains("\"Lead Number\", // identifier", text);
        Assert.Contains("\"Tags\", // converted: predicts the outcome alone", text);
        Assert.Contains("\"Lead Quality\", // converted: its name suggests", text);
        Assert.Contains("\"missing\": [\"Select\"]", text);
        Assert.Contains("\"createdAt\": \"created_at\"", text);
        Assert.Contains("\"engagement\": [\"visits\", \"pricing_views\", \"demo\"]", text);
        Assert.Contains("\"fit\": [\"industry\", \"seniority\", \"Specialization\"]", text);
        Assert.Contains("\"owner\": \"Lead Owner\"", text);

        var trained = await TrainerRun.Invoke("train", "--schema", draft, "--data", data, "--out", _temp.File("model"), "--quiet");
        Assert.True(trained.ExitCode == 0, trained.Error);
        Assert.Contains("split: by time", trained.Output);
        var model = await File.ReadAllTextAsync(Path.Combine(_temp.File("model"), "converted.model.json"));
        Assert.DoesNotContain("Tags", model);
        Assert.DoesNotContain("Lead Owner", model);
        Assert.Contains("\"ownerColumn\": \"Lead Owner\"", await File.ReadAllTextAsync(Path.Combine(_temp.File("model"), "bundle.json")));
    }

    [Fact]
    public async Task A_label_that_is_not_in_the_file_is_a_usage_error()
    {
        var run = await TrainerRun.Invoke("profile", "--data", ExportLikeXEducation(), "--label", "Converted");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'Converted' are not in the header", run.Error);
    }
}
