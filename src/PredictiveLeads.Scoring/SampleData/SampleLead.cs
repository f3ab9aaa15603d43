using System.Globalization;
using PredictiveLeads.Learning.Common;
using static PredictiveLeads.Scoring.SampleData.Distributions;

namespace PredictiveLeads.Scoring.SampleData;

/// <summary>One generated lead: what a CRM export shows of it (with realistic gaps) and what became of it.</summary>
internal sealed record SampleLead(SampleAccount Account, DateTime Created, IReadOnlyList<string> Fields)
{
    public string ToCsv() => string.Join(',', Fields);

    public static SampleLead Create(DeterministicRandom random, SampleAccount account, DateTime created)
    {
        var source = random.Pick([.. LeadCatalog.Sources.Select(s => s.Share)]);
        var seniority = random.Pick([.. LeadCatalog.Seniorities.Select(s => s.Share)]);
        var department = random.Pick([.. LeadCatalog.Departments.Select(d => d.Share)]);
        var email = PickEmail(random, account);
        var sourceName = LeadCatalog.Sources[source].Name;

        var engagement = 0.9 * random.Normal() + 0.35 * account.Intent + LeadCatalog.Sources[source].Engagement;
        var intent = 0.6 * random.Normal() + 0.5 * account.Intent + 0.3 * engagement;
        var pageViews = random.Poisson(Math.Exp(1.2 + 0.7 * engagement) * random.Gamma(2.0, 0.5));
        var pricing = random.Binomial(pageViews, Sigmoid(-2.2 + 0.9 * intent));
        var session = pageViews > 0 ? random.Gamma(1.5 + 0.8 * pageViews, 1.2) : 0;
        var opens = random.Poisson(Math.Exp(0.9 + 0.5 * engagement));
        var clicks = random.Binomial(opens, Sigmoid(-1.4 + 0.4 * engagement));
        var webinars = Math.Min(random.Poisson(0.12 * Math.Exp(0.5 * engagement) + (sourceName == "Webinar" ? 0.9 : 0)), 6);
        var whitepapers = Math.Min(random.Poisson(0.25 * Math.Exp(0.5 * engagement) + (sourceName == "Content Syndication" ? 0.8 : 0)), 10);
        var forms = random.Poisson(0.4 * Math.Exp(0.4 * engagement)) + (sourceName is "Webinar" or "Content Syndication" or "Trade Show" ? 1 : 0);
        var demo = random.Chance(Sigmoid(-3.1 + 0.7 * engagement + 0.9 * intent)) ? 1 : 0;
        var active = pageViews + opens + webinars + whitepapers + forms + demo > 0;
        var idleDays = active ? Math.Min(Math.Floor(random.Exponential(30 * Math.Exp(-0.45 * engagement))), 730) : double.NaN;
        var seniorityPoints = new[] { 10, 8, 6, 3, 0, 0 }[seniority];
        var marketingScore = Math.Clamp(Math.Round(3 * Math.Min(pageViews, 10) + 8 * Math.Min(pricing, 3) + 25 * demo + 6 * Math.Min(webinars, 2)
            + 4 * Math.Min(whitepapers, 3) + 2 * Math.Min(clicks, 5) + seniorityPoints + 6 * random.Normal()), 0, 100);

        var decisionMaker = LeadCatalog.Seniorities[seniority].DecisionMaker;
        var idle = double.IsNaN(idleDays) ? 0 : idleDays;
        var band = account.SizeBand;
        var quarterEnd = created.Month % 3 == 0 && created.Day >= 17;
        var weekend = created.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var fit = LeadCatalog.Industries[account.Industry].Effect + LeadCatalog.Countries[account.Country].RegionEffect
            + LeadCatalog.Seniorities[seniority].Effect + LeadCatalog.EmailTypes[email].Effect + 1.3 * (account.TechFit - 0.5)
            - 0.35 * Math.Pow(Math.Log10(account.Employees) - 2.6, 2);

        // Marketing qualifies on engagement and fit to the ideal customer profile.
        var mqlScore = -2.4 + 0.55 * Math.Log(1 + pageViews) + 0.6 * Math.Log(1 + pricing) + 1.6 * demo + 0.5 * (webinars > 0 ? 1 : 0)
            + 0.3 * Math.Log(1 + whitepapers) + 0.35 * (forms > 0 ? 1 : 0) + 0.15 * Math.Min(clicks, 4) + 0.8 * fit
            + (active ? 0.8 * Math.Exp(-idle / 14) : -1.0) + 0.3 * account.Intent + 0.5 * random.Normal();
        var becameMql = random.Chance(Sigmoid(mqlScore));

        // Sales qualifies MQLs on need, authority and timing (the benchmark generator's SQL function, shifted for MQLs).
        var sqlScore = -1.9 + (band == 0 ? 0.4 : 1.5) * demo + 0.6 * demo * (decisionMaker ? 1 : 0)
            + 0.75 * Math.Log(1 + pricing) * LeadCatalog.SizePricingWeight[band]
            + (active ? 1.2 * Math.Exp(-idle / 7) - 0.004 * idle : -0.9)
            + 0.8 * (pricing >= 2 && active && idle <= 7 ? 1 : 0) + fit + LeadCatalog.Sources[source].Effect
            + 0.5 * (webinars > 0 && decisionMaker ? 1 : 0) + (account.IsCustomer ? (active && idle <= 21 ? 0.9 : -0.3) : 0)
            + 0.5 * (session is > 15 and <= 120 ? 1 : 0) - 0.3 * (session > 120 ? 1 : 0)
            - 0.5 * (email == 1 && seniority == 0 ? 1 : 0) + 0.22 * Math.Min(clicks, 4) + 0.15 * Math.Log(1 + whitepapers)
            + 0.3 * (quarterEnd ? 1 : 0) - 0.25 * (weekend ? 1 : 0) + 0.55 * account.Intent + 0.5 * random.Normal();
        var becameSql = becameMql && random.Chance(Sigmoid(sqlScore));

        string N(double v) => SampleLeadGenerator.Number(v);
        string? Maybe(bool missing, string value) => missing ? null : value;
        var fields = new[]
        {
            $"00Q{random.NextUInt64() >> 16:x12}",
            created.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            account.Id,
            SampleLeadGenerator.Text(Maybe(account.SizeBandMissing, LeadCatalog.SizeBands[band])),
            account.EmployeesMissing ? "" : N(account.Employees),
            account.RevenueMissing ? "" : N(account.AnnualRevenue),
            SampleLeadGenerator.Text(Maybe(account.IndustryMissing, LeadCatalog.Industries[account.Industry].Name)),
            SampleLeadGenerator.Text(Maybe(account.CountryMissing, LeadCatalog.Countries[account.Country].Name)),
            account.IsCustomer ? "1" : "0",
            account.TechFitMissing ? "" : N(Math.Round(account.TechFit, 3)),
            SampleLeadGenerator.Text(sourceName),
            SampleLeadGenerator.Text(Maybe(random.Chance(0.09), LeadCatalog.Seniorities[seniority].Name)),
            SampleLeadGenerator.Text(Maybe(random.Chance(0.12), LeadCatalog.Departments[department].Name)),
            LeadCatalog.EmailTypes[email].Name,
            N(pageViews), N(pricing), random.Chance(0.05) ? "" : N(Math.Round(session, 1)), N(opens), N(clicks), N(webinars),
            N(whitepapers), N(forms), N(demo), N(idleDays), N(marketingScore),
            becameMql ? "1" : "0", becameSql ? "1" : "0",
        };
        return new SampleLead(account, created, fields);
    }

    private static int PickEmail(DeterministicRandom random, SampleAccount account)
    {
        var industry = LeadCatalog.Industries[account.Industry].Name;
        if (industry == "Education" && random.Chance(0.5))
            return 2;
        if (industry == "Government" && random.Chance(0.5))
            return 3;
        return random.Pick([.. LeadCatalog.EmailTypes.Select(e => e.Share)]);
    }
}
