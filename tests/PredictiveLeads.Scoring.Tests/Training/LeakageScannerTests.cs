using System.Globalization;
using System.Text;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Scoring.Tests.Training;

public sealed class LeakageScannerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_column_that_gives_the_outcome_away_or_is_named_like_one_is_a_suspect_and_an_honest_one_is_not()
    {
        // notes_code copies the outcome 97% of the time; visits carries a real but modest signal; quality is noise
        // but its name says sales fills it in after contact.
        var random = new Random(3);
        var text = new StringBuilder("notes_code,visits,Lead Quality,converted\n");
        for (var i = 0; i < 2000; i++)
        {
            var converted = random.NextDouble() < 0.3 ? 1 : 0;
            var code = random.NextDouble() < 0.97 ? converted : 1 - converted;
            var visits = random.Next(10) + 3 * converted * random.Next(2);
            text.Append(CultureInfo.InvariantCulture, $"c{code},{visits},{(random.Next(2) == 0 ? "High" : "Low")},{converted}\n");
        }
        var table = CsvTableReader.Read(_temp.Write("leads.csv", text.ToString()));
        var labels = ((NumericColumn)table["converted"]).Values;

        var findings = LeakageScanner.Scan(table, ["notes_code", "visits", "Lead Quality"], labels, [.. Enumerable.Range(0, table.RowCount)], aucThreshold: 0.9, seed: 1);

        var leak = findings.Single(f => f.Column == "notes_code");
        var honest = findings.Single(f => f.Column == "visits");
        var named = findings.Single(f => f.Column == "Lead Quality");
        Assert.True(leak.Suspect);
        Assert.InRange(leak.OutOfFoldAuc, 0.95, 0.99);
        Assert.Contains("predicts the outcome alone", leak.Reason);
        Assert.False(honest.Suspect);
        Assert.InRange(honest.OutOfFoldAuc, 0.55, 0.85);
        Assert.True(named.Suspect);
        Assert.True(named.NameSuggestsAfterContact);
        Assert.InRange(named.OutOfFoldAuc, 0.4, 0.6);
        Assert.Equal(["notes_code", "visits", "Lead Quality"], findings.Select(f => f.Column));
    }
}
