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

    private static DictionaryFields Contact(string pricing, string? seniority, string created) =>
        new(new Dictionary<string, string?> { ["pricing_page_views"] = pricing, ["job_title_seniority"] = seniority, ["created_at"] = created, ["demo_requested"] = "1" },
            new FieldParser());

    [Fact]
    public void Aggregates_contacts_into_counts_maxima_means_coverage_and_recency()
    {
        var rules = PointsRules.Parse("{\"mqlThreshold\": 30, \"rules\": [{\"name\": \"demo\", \"when\": {\"field\": \"demo_requested\", \"equals\": 1}, \"points\": 30}, {\"name\": \"pricing\", \"when\": {\"field\": \"pricing_page_views\", \"atLeast\": 3}, \"points\": 10}]}"u8, "rules");
        IReadOnlyList<IFieldSource> contacts = [Contact("4", "VP", "2025-03-01"), Contact("0", "Manager", "2025-03-11"), Contact("2", null, "2025-02-01")];
        var asOf = (new DateTime(2025, 3, 21, 0, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalDays;

        var features = Spec.Compute(contacts, rules, asOf);

        Assert.Equal(["contacts", "engaged_contacts", "max:pricing_page_views", "mean:pricing_page_views", "levels:job_title_seniority",
            "has:job_title_seniority=VP", "has:job_title_seniority=Manager", "has:job_title_seniority=Other", "days_since_newest_contact"], Spec.FeatureNames());
        Assert.Equal([3, 3, 4, 2, 2, 1, 1, 0, 10], features);
    }
}
