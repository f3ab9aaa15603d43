using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Accounts;
using PredictiveLeads.Scoring.Rules;

namespace PredictiveLeads.Scoring.Tests.Accounts;

public sealed class AccountFeatureSpecTests
{
    private static readonly AccountFeatureSpec Spec = new()
    {
        NumericFields = ["pricing_page_views"],
        CoverageFields = new Dictionary<string, IReadOnlyList<string>> { ["job_title_seniority"] = ["VP", "Manager", "Other"] },
        CreatedAt = "created_at",
    };

    private static readonly RowParser Parser = new(new Dictionary<string, ColumnKind>
    {
        ["pricing_page_views"] = ColumnKind.Numeric, ["created_at"] = ColumnKind.DateTime, ["demo_requested"] = ColumnKind.Boolean,
    }, []);

    private static ParsedRow Contact(string pricing, string? seniority, string created) =>
        Parser.Parse(new Dictionary<string, string?> { ["pricing_page_views"] = pricing, ["job_title_seniority"] = seniority, ["created_at"] = created, ["demo_requested"] = "1" });

    [Fact]
    public void Aggregates_contacts_into_counts_maxima_means_coverage_and_recency()
    {
        var rules = PointsRules.Parse("{\"mqlThreshold\": 30, \"rules\": [{\"name\": \"demo\", \"when\": {\"field\": \"demo_requested\", \"equals\": 1}, \"points\": 30}, {\"name\": \"pricing\", \"when\": {\"field\": \"pricing_page_views\", \"atLeast\": 3}, \"points\": 10}]}"u8, "rules");
        IReadOnlyList<IParsedRow> contacts = [Contact("4", "VP", "2025-03-01"), Contact("0", "Manager", "2025-03-11"), Contact("2", null, "2025-02-01")];
        var asOf = (new DateTime(2025, 3, 21, 0, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalDays;

        var features = Spec.Compute(contacts, rules, asOf);

        Assert.Equal(["contacts", "engaged_contacts", "max:pricing_page_views", "mean:pricing_page_views", "levels:job_title_seniority",
            "has:job_title_seniority=VP", "has:job_title_seniority=Manager", "has:job_title_seniority=Other", "days_since_newest_contact"], Spec.FeatureNames());
        Assert.Equal([3, 3, 4, 2, 2, 1, 1, 0, 10], features);
    }

    [Fact]
    public void A_contact_date_with_an_offset_read_from_a_training_file_counts_to_the_second()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pl-offsets-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "pricing_page_views,job_title_seniority,created_at,demo_requested\n1,VP,2025-03-01T10:00:00+02:00,0\n2,Other,2025-02-01T09:30:00-05:00,0\n");
        try
        {
            var table = CsvTableReader.Read(path);
            var rules = PointsRules.Parse("{\"mqlThreshold\": 30, \"rules\": [{\"name\": \"demo\", \"when\": {\"field\": \"demo_requested\", \"equals\": 1}, \"points\": 30}]}"u8, "rules");
            var asOf = DayNumber.From(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

            var features = Spec.Compute([new TableRow(table) { Row = 0 }, new TableRow(table) { Row = 1 }], rules, asOf);

            // The newest contact came at 08:00 UTC: one hour, exactly, before 09:00 UTC.
            Assert.Equal(1.0 / 24, features[^1], 9);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
