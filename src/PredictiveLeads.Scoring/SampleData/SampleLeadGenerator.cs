using System.Globalization;
using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Scoring.SampleData;

/// <summary>
/// Writes realistic synthetic B2B leads with known outcomes: the columns of the peer benchmark's generator
/// (same names and meanings) plus <c>became_mql</c>. Accounts have several contacts; leads arrive over
/// 18 months with growth, seasonality and quiet weekends. A lead can only become an SQL after becoming an
/// MQL, as in a real funnel. The same rows and seed always give the same file.
/// </summary>
public static class SampleLeadGenerator
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "lead_id", "created_at", "account_id", "company_size_band", "employees", "annual_revenue", "industry", "country",
        "is_existing_customer", "tech_stack_fit", "lead_source", "job_title_seniority", "department", "email_domain_type",
        "page_views", "pricing_page_views", "session_minutes", "email_opens", "email_clicks", "webinar_attended",
        "whitepaper_downloads", "form_submissions", "demo_requested", "days_since_last_activity", "marketing_score",
        "became_mql", "became_sql",
    ];

    private static readonly DateTime FirstDay = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int Days = 547;

    public static void Write(TextWriter output, int rows, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var random = new DeterministicRandom((ulong)seed);
        var accounts = Enumerable.Range(0, Math.Max(1, rows / 4)).Select(_ => SampleAccount.Create(random)).ToArray();
        var accountShares = accounts.Select(a => a.Popularity).ToArray();
        var accountCumulative = Cumulative(accountShares);
        var dayCumulative = Cumulative(DayVolumes());

        var leads = new List<(double Time, string Line)>(rows);
        for (var i = 0; i < rows; i++)
        {
            var account = accounts[Draw(accountCumulative, random)];
            var day = Draw(dayCumulative, random);
            var time = day + (8 + 10 * random.NextDouble()) / 24;
            leads.Add((time, SampleLead.Create(random, account, FirstDay.AddDays(time)).ToCsv()));
        }
        output.Write(string.Join(',', Columns));
        output.Write('\n');
        foreach (var (_, line) in leads.OrderBy(l => l.Time))
        {
            output.Write(line);
            output.Write('\n');
        }
    }

    /// <summary>Relative lead volume per day: 40% growth over the period, monthly seasonality, weekends at a quarter.</summary>
    private static double[] DayVolumes()
    {
        var volumes = new double[Days];
        for (var day = 0; day < Days; day++)
        {
            var date = FirstDay.AddDays(day);
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            volumes[day] = (1 + 0.4 * day / Days) * LeadCatalog.MonthVolume[date.Month - 1] * (weekend ? 0.25 : 1);
        }
        return volumes;
    }

    private static double[] Cumulative(double[] weights)
    {
        var cumulative = new double[weights.Length];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++)
            cumulative[i] = total += weights[i];
        return cumulative;
    }

    private static int Draw(double[] cumulative, DeterministicRandom random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    internal static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Text(string? value) => value is null ? "" : CsvText.Quote(value);
}
