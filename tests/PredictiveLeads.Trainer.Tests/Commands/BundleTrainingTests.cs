using System.Text.Json;

namespace PredictiveLeads.Trainer.Tests.Commands;

public sealed class BundleTrainingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Repo(string path) => Path.Combine(RepositoryRoot.Path, path);

    [Fact]
    [Trait("Category", "Slow")]
    public async Task The_committed_default_bundle_is_reproduced_from_the_committed_sample()
    {
        var model = _temp.File("default");

        var run = await TrainerRun.Invoke("train", "--schema", Repo("training-data/sample-leads.schema.json"), "--data", Repo("training-data/sample-leads.csv"),
            "--out", model, "--threads", "2", "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("    fit grades: a sub-model of ", run.Output);
        Assert.Contains("    engagement grades: a sub-model of ", run.Output);
        var files = Directory.GetFiles(Repo("models/default/v0001")).Select(f => Path.GetFileName(f)).Where(f => f != "metadata.json").ToArray();
        Assert.Equal(files.Order(StringComparer.Ordinal), Directory.GetFiles(model).Select(f => Path.GetFileName(f)).Where(f => f != "metadata.json").Order(StringComparer.Ordinal));
        Assert.Contains("became_sql.mlnet.zip", files);
        Assert.Contains("became_sql.account.mlnet.zip", files);
        Assert.Contains("LeadInput.cs", files);
        foreach (var file in files)
            Assert.True(File.ReadAllBytes(Repo("models/default/v0001/" + file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(model, file))), $"{file} differs from models/default/v0001");
    }

    [Fact]
    public async Task The_bundle_keeps_every_test_lead_scored_by_model_and_rules_and_the_fields_of_the_leads_they_disagree_on()
    {
        var holdout = PredictiveLeads.Scoring.Bundles.HoldoutScores.Load(Repo("models/default/v0001/holdout.json"));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Repo("models/default/v0001/report.json")));

        var testRows = report.RootElement.GetProperty("split").GetProperty("testRows").GetInt32();
        Assert.Equal(testRows, holdout.Ids.Count);
        Assert.Equal(testRows, holdout.Ids.Distinct().Count());
        Assert.All(holdout.Ids, id => Assert.StartsWith("00Q", id));
        var sql = holdout.Outcomes["became_sql"];
        Assert.Equal(report.RootElement.GetProperty("outcomes")[1].GetProperty("model").GetProperty("positives").GetInt32(), sql.Actual.Count(a => a == 1));
        var gems = PredictiveLeads.Scoring.Training.Disagreements.HiddenGems(sql.Model!, holdout.RuleStages, 12);
        Assert.All(gems, i => Assert.Equal(PredictiveLeads.Scoring.Funnel.FunnelStage.Lead, holdout.RuleStages[i]));
        Assert.All(gems, i => Assert.Contains(holdout.Examples, e => e.Id == holdout.Ids[i] && e.Fields.ContainsKey("pricing_page_views") && !e.Fields.ContainsKey("became_sql")));
        Assert.Equal(new DateTime(2025, 3, 28), holdout.From!.Value.Date);
    }

    [Fact]
    public void A_holdout_file_whose_lists_disagree_in_length_is_refused()
    {
        var path = _temp.Write("holdout.json", """{"ids":["a","b"],"accounts":[null],"rulePoints":[],"ruleStages":[],"outcomes":{},"examples":[]}""");

        var error = Assert.Throws<PredictiveLeads.Learning.Common.ModelFormatException>(() => PredictiveLeads.Scoring.Bundles.HoldoutScores.Load(path));
        Assert.Contains("one entry per test lead", error.Message);
    }

    [Fact]
    public async Task Two_outcomes_give_two_models_and_two_score_columns()
    {
        var data = _temp.Write("leads.csv", WithSecondOutcome(SyntheticData.Leads(3000, seed: 41)));
        var model = _temp.File("bundle");

        var trained = await TrainerRun.Invoke("train", "--data", data, "--label", "converted,meeting", "--id", "Lead Id", "--out", model, "--quiet");
        var scored = await TrainerRun.Invoke("score", "--model", model, "--data", data, "--out", _temp.File("s.csv"));

        Assert.Equal((0, 0), (trained.ExitCode, scored.ExitCode));
        Assert.True(File.Exists(Path.Combine(model, "meeting.model.json")));
        Assert.Equal("Lead Id,converted_probability,meeting_probability", File.ReadLines(_temp.File("s.csv")).First());
        Assert.False(File.Exists(Path.Combine(model, "meeting.fit.model.json")));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model, "report.json")));
        var notes = report.RootElement.GetProperty("outcomes")[0].GetProperty("fitEngagement").GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Contains(notes, n => n!.Contains("declares no fit fields", StringComparison.Ordinal));
        Assert.Contains("    no fit × engagement grid: the schema declares no fit fields", trained.Output);
    }

    [Fact]
    public void Fit_and_engagement_sub_models_read_only_their_groups_fields_and_grade_the_test_leads_in_quarters()
    {
        var bundle = PredictiveLeads.Scoring.Bundles.ModelBundle.Load(Repo("models/default/v0001"));
        var holdout = PredictiveLeads.Scoring.Bundles.HoldoutScores.Load(Repo("models/default/v0001/holdout.json"));
        var schema = JsonDocument.Parse(File.ReadAllText(Repo("training-data/sample-leads.schema.json"))).RootElement;
        foreach (var outcome in bundle.Manifest.Outcomes)
        {
            foreach (var (grades, group, tested) in new[] { (outcome.Fit!, "fit", holdout.Outcomes[outcome.Label].FitGrades!), (outcome.Engagement!, "engagement", holdout.Outcomes[outcome.Label].EngagementGrades!) })
            {
                var declared = schema.GetProperty(group).EnumerateArray().Select(f => f.GetString()!).ToHashSet();
                var model = bundle.GroupModels[grades.ModelFile];
                Assert.All(model.Pipeline.Columns, c => Assert.Contains(c.Column, declared));
                Assert.Equal(grades.Fields.Order(), model.Pipeline.Columns.Select(c => c.Column).Order());
                Assert.True(grades.Cutoffs[0] > grades.Cutoffs[1] && grades.Cutoffs[1] > grades.Cutoffs[2], $"{grades.ModelFile} cut-offs fall");
                Assert.All(tested.GroupBy(g => g), quarter => Assert.InRange(quarter.Count(), 0.2 * tested.Count, 0.3 * tested.Count));
            }
        }
        Assert.Contains("| fit \\ engagement | 1 | 2 | 3 | 4 |", File.ReadAllText(Repo("models/default/v0001/report.md")));
        Assert.Contains("<table class='grid'>", File.ReadAllText(Repo("models/default/v0001/report.html")));
    }

    [Fact]
    public async Task Leaky_columns_are_excluded_with_a_warning_unless_kept()
    {
        var lines = SyntheticData.Leads(3000, seed: 42).TrimEnd('\n').Split('\n');
        var leaky = lines.Select((line, i) => i == 0 ? line + ",lead_status,sales_notes"
            : line + (line.EndsWith(",1", StringComparison.Ordinal) ? ",Working,called back" : ",Open,") ).ToList();
        // sales_notes gives the outcome away by its values; lead_status by both its values and its name.
        var data = _temp.Write("leaky.csv", string.Join('\n', leaky) + "\n");

        var excluded = await TrainerRun.Invoke("train", "--data", data, "--label", "converted", "--id", "Lead Id", "--out", _temp.File("a"), "--quiet");
        var kept = await TrainerRun.Invoke("train", "--data", data, "--label", "converted", "--id", "Lead Id", "--out", _temp.File("b"), "--quiet", "--keep", "sales_notes");

        Assert.Contains("WARNING leakage suspect 'lead_status'", excluded.Output);
        Assert.Contains("WARNING leakage suspect 'sales_notes'", excluded.Output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(_temp.File("a/report.json")));
        var outcome = report.RootElement.GetProperty("outcomes")[0];
        Assert.Equal(["lead_status", "sales_notes"], outcome.GetProperty("leakage_suspects").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Contains("'sales_notes'", kept.Output);
        Assert.Contains("KEPT on request", kept.Output);
        using var keptReport = JsonDocument.Parse(await File.ReadAllTextAsync(_temp.File("b/report.json")));
        Assert.Equal(["lead_status"], keptReport.RootElement.GetProperty("outcomes")[0].GetProperty("excluded").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task An_outcome_with_too_few_positives_is_served_by_the_rules()
    {
        var sample = File.ReadAllLines(Repo("training-data/sample-leads.csv")).Take(3001).ToArray();
        var header = sample[0].Split(',');
        var sql = Array.IndexOf(header, "became_sql");
        var positives = 0;
        var rare = sample.Select((line, i) =>
        {
            if (i == 0)
                return line;
            var fields = line.Split(',');
            // Keep only the first 20 SQLs: too few for a model.
            if (fields[sql] == "1" && ++positives > 20)
                fields[sql] = "0";
            return string.Join(',', fields);
        });
        var data = _temp.Write("rare.csv", string.Join('\n', rare) + "\n");
        var model = _temp.File("bundle");

        var trained = await TrainerRun.Invoke("train", "--schema", Repo("training-data/sample-leads.schema.json"), "--data", data, "--out", model, "--quiet");
        var scored = await TrainerRun.Invoke("score", "--model", model, "--data", data, "--out", _temp.File("s.csv"));

        Assert.Equal((0, 0), (trained.ExitCode, scored.ExitCode));
        Assert.Contains("served by the points rules: only 20 positive", trained.Output);
        Assert.False(File.Exists(Path.Combine(model, "became_sql.model.json")));
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model, "bundle.json")));
        Assert.Equal("rules", manifest.RootElement.GetProperty("outcomes")[1].GetProperty("source").GetString());
        Assert.Contains("served by the points rules", scored.Error);
        Assert.All(File.ReadLines(_temp.File("s.csv")).Skip(1), line => Assert.InRange(double.Parse(line.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture), 0, 1));
    }

    [Fact]
    public async Task A_schema_naming_a_column_the_file_lacks_is_a_usage_error()
    {
        var schema = _temp.Write("schema.json", "{\"id\": \"lead_id\", \"outcomes\": [\"became_sql\"], \"afterContact\": [\"stage\"]}");

        var run = await TrainerRun.Invoke("train", "--schema", schema, "--data", Repo("training-data/sample-leads.csv"), "--out", _temp.File("m"), "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the after-contact column 'stage' is not in the header", run.Error);
    }

    private static string WithSecondOutcome(string csv)
    {
        var lines = csv.TrimEnd('\n').Split('\n');
        return string.Join('\n', lines.Select((line, i) => line + (i == 0 ? ",meeting" : line.Contains(",Yes,", StringComparison.Ordinal) && i % 3 != 0 ? ",1" : ",0"))) + "\n";
    }
}
