using System.Text.Json;

namespace PredictiveLeads.Trainer.Tests.Commands;

/// <summary>
/// Real exports write dates and numbers in many ways. Each variant of the same leads trains the same model as the
/// plain file, the way it was read is stated, and a creation time that is not a date is refused.
/// </summary>
public sealed class ExportFormatTests(ExportFormatTests.PlainModels plainModels) : IDisposable, IClassFixture<ExportFormatTests.PlainModels>
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly string Plain = ExportVariants.Head(Path.Combine(RepositoryRoot.Path, "training-data/sample-leads.csv"), 3000);

    private Task<(TrainerRun Run, double Auc)> Train(string name, string csv, params string[] extra) => Train(_temp, name, csv, extra);

    private static async Task<(TrainerRun Run, double Auc)> Train(TempDirectory temp, string name, string csv, params string[] extra)
    {
        var model = temp.File("m-" + name);
        var run = await TrainerRun.Invoke(["train", "--data", temp.Write(name + ".csv", csv), "--label", "became_sql", "--id", "lead_id", "--ignore", "account_id",
            "--out", model, "--threads", "1", "--quiet", .. extra]);
        Assert.True(run.ExitCode == 0, run.Error);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model, "report.json")));
        return (run, report.RootElement.GetProperty("outcomes")[0].GetProperty("model").GetProperty("rocAuc").GetDouble());
    }

    /// <summary>The plain file's models, split by time or at random, trained once for every variant to be compared with.</summary>
    public sealed class PlainModels : IDisposable
    {
        private readonly TempDirectory _temp = new();
        private readonly Lazy<Task<(TrainerRun Run, double Auc)>> _byTime;
        private readonly Lazy<Task<(TrainerRun Run, double Auc)>> _random;

        public PlainModels()
        {
            _byTime = new(() => Train(_temp, "plain-by-time", Plain, "--created-at", "created_at"));
            _random = new(() => Train(_temp, "plain", Plain));
        }

        public Task<(TrainerRun Run, double Auc)> ByTime => _byTime.Value;

        public Task<(TrainerRun Run, double Auc)> Random => _random.Value;

        public string ByTimeModel => _temp.File("m-plain-by-time");

        public void Dispose() => _temp.Dispose();
    }

    [Theory]
    [InlineData(true, "month first (M/d/yyyy")]
    [InlineData(false, "day first (d/M/yyyy")]
    public async Task Slash_dates_are_read_in_the_order_the_values_show_and_the_split_is_by_time(bool monthFirst, string stated)
    {
        var (plain, plainAuc) = await plainModels.ByTime;
        var (slashed, slashedAuc) = await Train("slashed", ExportVariants.MapColumn(Plain, "created_at", v => ExportVariants.SlashDate(v, monthFirst)), "--created-at", "created_at");

        Assert.Contains("split: by time", slashed.Output);
        Assert.Contains($"column 'created_at' is read as dates written {stated}", slashed.Output);
        Assert.Contains("decided from values such as", slashed.Output);
        Assert.Equal(plainAuc, slashedAuc);
        Assert.Equal(Lines(plain.Output, "split"), Lines(slashed.Output, "split"));
    }

    [Fact]
    public async Task Unix_seconds_are_dates_when_the_column_is_the_creation_time()
    {
        var (plain, plainAuc) = await plainModels.ByTime;
        var (unix, unixAuc) = await Train("unix", ExportVariants.MapColumn(Plain, "created_at", ExportVariants.UnixSeconds), "--created-at", "created_at");

        Assert.Contains("column 'created_at' is read as dates as Unix time in seconds", unix.Output);
        Assert.Equal(plainAuc, unixAuc);
        Assert.Equal(Lines(plain.Output, "fit 20"), Lines(unix.Output, "fit 20"));
    }

    [Fact]
    public async Task A_semicolon_export_with_decimal_commas_reads_its_numbers_as_numbers()
    {
        var (_, plainAuc) = await plainModels.Random;
        var (commas, commasAuc) = await Train("commas", ExportVariants.DecimalCommas(Plain));

        Assert.Contains("column 'tech_stack_fit' is read as numbers with a decimal comma (0,687 = 0.687; 1.234,5 = 1234.5), decided from values such as '0,", commas.Output);
        Assert.Contains("column 'session_minutes' is read as numbers with a decimal comma", commas.Output);
        Assert.Equal(plainAuc, commasAuc);
    }

    [Fact]
    public async Task Thousands_separators_are_read_as_numbers()
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var grouped = ExportVariants.MapColumn(Plain, "annual_revenue", v => $"\"{double.Parse(v, invariant).ToString("#,0", invariant)}\"");
        var (_, plainAuc) = await plainModels.Random;
        var (run, groupedAuc) = await Train("grouped", grouped);

        Assert.Contains("column 'annual_revenue' is read as numbers with commas grouping thousands", run.Output);
        Assert.Equal(plainAuc, groupedAuc);
    }

    [Fact]
    public async Task A_mostly_numeric_column_with_stray_texts_is_reported_with_examples()
    {
        var stray = ExportVariants.MapColumn(Plain, "employees", v => v == "45" ? "unknown" : v == "86" ? "n/a-ish" : v);

        var (run, _) = await Train("stray", stray);

        Assert.Contains("column 'employees' is read as categories:", run.Output);
        Assert.Contains("are not (such as 'unknown', 'n/a-ish')", run.Output);
        Assert.Contains("declare such values missing with --missing", run.Output);
    }

    [Theory]
    [InlineData("--created-at", "created_at")]
    [InlineData(null, null)]
    public async Task A_creation_time_that_is_not_a_date_exits_1_naming_the_column_a_line_and_the_value(string? flag, string? column)
    {
        var broken = ExportVariants.MapColumn(Plain, "created_at", v => v.StartsWith("2024-01-02", StringComparison.Ordinal) ? "next tuesday" : v);
        string[] extra = flag is null ? [] : [flag, column!];

        var run = await TrainerRun.Invoke(["train", "--data", _temp.Write("broken.csv", broken), "--label", "became_sql", "--id", "lead_id", "--out", _temp.File("m"), "--quiet", .. extra]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("broken.csv:", run.Error);
        Assert.Contains("column 'created_at'", run.Error);
        Assert.Contains("expected a date written the same way on every row", run.Error);
        Assert.Contains("found 'next tuesday'", run.Error);
        Assert.False(Directory.Exists(_temp.File("m")));
    }

    [Fact]
    public async Task Scoring_reads_a_file_the_way_its_training_file_was_written()
    {
        var european = ExportVariants.DecimalCommas(ExportVariants.MapColumn(Plain, "created_at", v => ExportVariants.SlashDate(v, monthFirst: false)));
        await plainModels.ByTime;
        await Train("european", european, "--created-at", "created_at");
        var fresh = ExportVariants.Head(Path.Combine(RepositoryRoot.Path, "training-data/sample-leads.csv"), 3200).Split('\n', 3002)[^1];
        var header = Plain.Split('\n')[0] + "\n";
        var plainFile = _temp.Write("fresh-plain.csv", header + fresh);
        var europeanFile = _temp.Write("fresh-european.csv", ExportVariants.DecimalCommas(ExportVariants.MapColumn(header + fresh, "created_at", v => ExportVariants.SlashDate(v, monthFirst: false))));

        Assert.Equal(0, (await TrainerRun.Invoke("score", "--model", plainModels.ByTimeModel, "--data", plainFile, "--out", _temp.File("plain-scores.csv"))).ExitCode);
        Assert.Equal(0, (await TrainerRun.Invoke("score", "--model", _temp.File("m-european"), "--data", europeanFile, "--out", _temp.File("european-scores.csv"))).ExitCode);

        Assert.Equal(File.ReadAllLines(_temp.File("plain-scores.csv")), File.ReadAllLines(_temp.File("european-scores.csv")));
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_temp.File("m-european"), "bundle.json")));
        Assert.Equal("d/M/yyyy", manifest.RootElement.GetProperty("formats").GetProperty("created_at").GetString());
        Assert.Equal("decimal-comma", manifest.RootElement.GetProperty("formats").GetProperty("tech_stack_fit").GetString());
    }

    private static string[] Lines(string output, string containing) => [.. output.Split('\n').Where(l => l.Contains(containing, StringComparison.Ordinal))];
}
