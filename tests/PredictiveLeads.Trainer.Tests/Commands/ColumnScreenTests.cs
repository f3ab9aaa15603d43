using System.Text.Json;

namespace PredictiveLeads.Trainer.Tests.Commands;

/// <summary>Without a schema, identifiers, constant columns and columns whose missingness gives the outcome away are never features, and the report says why.</summary>
public sealed class ColumnScreenTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>The synthetic leads plus a row number, an e-mail address, a constant, a near-constant flag and a note sales fill in on converted leads.</summary>
    private string ExportWithoutSchema()
    {
        var lines = SyntheticData.Leads(2000, seed: 4).TrimEnd('\n').Split('\n');
        var extended = lines.Select((line, i) =>
        {
            if (i == 0)
                return line + ",Lead Number,Email,Magazine,Search,Sales Notes";
            var converted = line.EndsWith(",1", StringComparison.Ordinal);
            var note = converted == (i % 10 != 0) ? "called back" : "";
            return line + $",{700000 - 7 * i},lead{i}@example.com,No,{(i % 500 == 0 ? "Yes" : "No")},{note}";
        });
        return _temp.Write("export.csv", string.Join('\n', extended) + "\n");
    }

    [Fact]
    public async Task Identifiers_constants_and_missingness_leaks_are_excluded_with_reasons()
    {
        var model = _temp.File("model");

        var run = await TrainerRun.Invoke("train", "--data", ExportWithoutSchema(), "--label", "converted", "--out", model, "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("not a feature: 'Lead Number', identifier: a different whole number on every row", run.Output);
        Assert.Contains("not a feature: 'Email', identifier: a different text on every row", run.Output);
        Assert.Contains("not a feature: 'Lead Id', identifier", run.Output);
        Assert.Contains("not a feature: 'Magazine', constant: every row is 'no'", run.Output);
        Assert.Contains("not a feature: 'Search', near-constant: 1,996 of 2,000 rows are 'no'", run.Output);
        Assert.Contains("WARNING leakage suspect 'Sales Notes': whether it is filled in predicts the outcome alone with AUC", run.Output);

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model, "report.json")));
        var excluded = report.RootElement.GetProperty("excludedColumns").EnumerateArray().Select(e => e.GetProperty("column").GetString()).ToList();
        Assert.Equal(["converted", "Lead Id", "Lead Number", "Email", "Magazine", "Search"], excluded);
        using var model_ = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model, "converted.model.json")));
        var inputs = model_.RootElement.GetRawText();
        foreach (var column in new[] { "Lead Number", "Email", "Magazine", "\"Search\"", "Sales Notes" })
            Assert.DoesNotContain(column, inputs);
        Assert.Contains("Not features", await File.ReadAllTextAsync(Path.Combine(model, "report.md")));
    }

    [Fact]
    public async Task Keep_brings_a_screened_column_back()
    {
        var model = _temp.File("model");

        var run = await TrainerRun.Invoke("train", "--data", ExportWithoutSchema(), "--label", "converted", "--keep", "Search", "--out", model, "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("'Search'", run.Output);
        Assert.Contains("\"Search\"", await File.ReadAllTextAsync(Path.Combine(model, "converted.model.json")));
    }
}
