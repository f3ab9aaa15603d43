using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Live;

namespace PredictiveLeads.Scoring.Tests.Live;

/// <summary>A lead is parsed once, by the bundle's kinds, however it arrives; the typed values give the answers the file path gives.</summary>
public sealed class LeadScorerTests : IDisposable
{
    private static readonly Lazy<ModelBundle> Shipped = new(() => ModelBundle.Load(Path.Combine(RepositoryRoot.Path, "models", "default", "v0001")));
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Leads_sent_as_text_get_the_probabilities_and_points_of_the_same_leads_read_as_a_file()
    {
        var bundle = Shipped.Value;
        var path = _temp.Write("leads.csv", string.Join('\n', File.ReadLines(Path.Combine(RepositoryRoot.Path, "training-data", "sample-leads.csv")).Take(301)) + "\n");
        var table = BundleInput.Read(bundle, path, []);
        var fromFile = BundleScorer.Score(bundle, table, threads: 1, []);
        var points = BundleScorer.Points(bundle.Rules!, table);
        var (leads, problem) = LeadCsv.TryRead(bundle, path);
        var scorer = new LeadScorer(bundle);

        Assert.Null(problem);
        for (var row = 0; row < table.RowCount; row++)
        {
            var lead = scorer.Parse(leads!.Rows[row]);
            var score = scorer.Score(lead, explain: false);

            Assert.Empty(lead.Problems);
            Assert.Equal(points[row], score.Rules!.Points);
            foreach (var (outcome, probabilities) in fromFile)
                Assert.Equal(probabilities[row], score.Outcomes.Single(o => o.Outcome == outcome).Probability, 12);
        }
    }

    [Fact]
    public void Every_field_that_does_not_fit_is_collected_and_an_invalid_lead_is_never_scored()
    {
        var scorer = new LeadScorer(Shipped.Value);

        var lead = scorer.Parse(new Dictionary<string, string?>
        {
            ["pricing_page_views"] = "lots", ["demo_requested"] = "maybe", ["employees"] = "12,000", ["industry"] = "Software", ["page_views"] = "NA",
        });

        Assert.Equal(["pricing_page_views", "demo_requested", "employees"], lead.Problems.Select(p => p.Field));
        Assert.Equal("expected a number, found '12,000'", lead.Problems[2].Problem);
        Assert.True(lead["page_views"].IsMissing);
        Assert.Throws<ArgumentException>(() => scorer.Score(lead, explain: false));
    }

    [Fact]
    public void Fields_nothing_reads_are_named_in_a_warning_with_a_value_or_without_one()
    {
        var scorer = new LeadScorer(Shipped.Value);

        var score = scorer.Score(scorer.Parse(new Dictionary<string, string?>
        {
            ["lead_id"] = "00Q1", ["nickname"] = null, ["favourite_colour"] = "teal", ["fax"] = "NA", ["industry"] = null, ["page_views"] = "NA",
        }), explain: false);

        Assert.Contains("unknown fields ignored: favourite_colour, fax, nickname", score.Warnings);
        Assert.DoesNotContain(score.Warnings, w => w.StartsWith("unknown", StringComparison.Ordinal) && (w.Contains("industry") || w.Contains("lead_id") || w.Contains("page_views")));
    }

    [Fact]
    public void A_reason_shows_the_value_as_the_lead_gave_it()
    {
        var scorer = new LeadScorer(Shipped.Value);

        var score = scorer.Score(scorer.Parse(new Dictionary<string, string?> { ["demo_requested"] = "yes", ["pricing_page_views"] = "12.0", ["job_title_seniority"] = "VP" }), explain: true);

        var reasons = score.Outcomes.SelectMany(o => o.Positive.Concat(o.Negative)).ToList();
        Assert.Contains(reasons, r => r.Field == "pricing_page_views" && r.Value == "12.0");
        Assert.Contains(reasons, r => r.Field == "demo_requested" && r.Value == "yes");
    }

    [Fact]
    public void An_account_counts_its_newest_contact_by_the_instant_its_creation_time_names_offset_included()
    {
        var scorer = new LeadScorer(Shipped.Value);
        var accounts = new AccountScorer(scorer);
        var contact = scorer.Parse(new Dictionary<string, string?> { ["created_at"] = "2025-03-01T10:00:00+02:00", ["job_title_seniority"] = "VP" });
        var unparsable = scorer.Parse(new Dictionary<string, string?> { ["created_at"] = "last Tuesday" });

        Assert.Empty(contact.Problems);
        Assert.Equal("created_at", Assert.Single(unparsable.Problems).Field);
        Assert.Equal(new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc), DayNumber.ToDateTime(contact["created_at"].Number));
        Assert.All(accounts.Score([contact], explain: false, new DateTimeOffset(2025, 3, 2, 8, 0, 0, TimeSpan.Zero)).Outcomes, o => Assert.NotNull(o.AccountProbability));
    }
}
