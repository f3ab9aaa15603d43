using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.SampleData;

namespace PredictiveLeads.Scoring.Tests.SampleData;

public sealed class SampleLeadGeneratorTests : IDisposable
{
    private static readonly string[] BenchmarkColumns =
    [
        "lead_id", "created_at", "account_id", "company_size_band", "employees", "annual_revenue", "industry", "country",
        "is_existing_customer", "tech_stack_fit", "lead_source", "job_title_seniority", "department", "email_domain_type",
        "page_views", "pricing_page_views", "session_minutes", "email_opens", "email_clicks", "webinar_attended",
        "whitepaper_downloads", "form_submissions", "demo_requested", "days_since_last_activity", "marketing_score", "became_sql",
    ];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Generate(int rows, int seed)
    {
        var writer = new StringWriter();
        SampleLeadGenerator.Write(writer, rows, seed);
        return writer.ToString();
    }

    [Fact]
    public void The_same_rows_and_seed_give_the_same_file()
    {
        Assert.Equal(Generate(500, 7), Generate(500, 7));
        Assert.NotEqual(Generate(500, 7), Generate(500, 8));
    }

    [Fact]
    public void Has_every_column_of_the_benchmark_generator_plus_became_mql()
    {
        var header = Generate(10, 1).Split('\n')[0].Split(',');

        Assert.Empty(BenchmarkColumns.Except(header));
        Assert.Contains("became_mql", header);
    }

    [Fact]
    public void Reads_back_as_a_realistic_funnel()
    {
        var table = CsvTableReader.Read(_temp.Write("leads.csv", Generate(8000, 3)));

        var mql = ((NumericColumn)table["became_mql"]).Values;
        var sql = ((NumericColumn)table["became_sql"]).Values;
        Assert.InRange(mql.Average(), 0.2, 0.45);
        Assert.InRange(sql.Average(), 0.08, 0.2);
        Assert.DoesNotContain(Enumerable.Range(0, table.RowCount), r => sql[r] == 1 && mql[r] == 0);
        Assert.Equal(ColumnKind.DateTime, table["created_at"].Kind);
        var created = ((NumericColumn)table["created_at"]).Values;
        Assert.InRange(created.Max() - created.Min(), 500, 548);
        Assert.True(created.Zip(created.Skip(1)).All(p => p.First <= p.Second), "rows are sorted by created_at");
        var contactsPerAccount = ((CategoricalColumn)table["account_id"]).Codes.GroupBy(c => c).Average(g => g.Count());
        Assert.InRange(contactsPerAccount, 3, 8);
    }
}
