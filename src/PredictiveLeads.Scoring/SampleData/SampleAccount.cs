using PredictiveLeads.Learning.Common;

namespace PredictiveLeads.Scoring.SampleData;

/// <summary>A company in the sample data: firmographics shared by all its contacts, and a hidden buying intent.</summary>
internal sealed record SampleAccount(
    string Id,
    int Industry,
    int Country,
    double Employees,
    double AnnualRevenue,
    int SizeBand,
    double TechFit,
    bool IsCustomer,
    double Intent,
    double Popularity,
    bool EmployeesMissing,
    bool RevenueMissing,
    bool SizeBandMissing,
    bool IndustryMissing,
    bool CountryMissing,
    bool TechFitMissing)
{
    public static SampleAccount Create(DeterministicRandom random)
    {
        var industry = random.Pick([.. LeadCatalog.Industries.Select(i => i.Share)]);
        var country = random.Pick([.. LeadCatalog.Countries.Select(c => c.Share)]);
        var employees = Math.Clamp(Math.Round(Math.Exp(Math.Log(90) + LeadCatalog.Industries[industry].SizeShift + 1.75 * random.Normal())), 1, 400_000);
        var revenue = employees * LeadCatalog.Industries[industry].RevenuePerEmployee * 1000 * Math.Exp(0.45 * random.Normal());
        // The size band comes from a second, noisier enrichment source than the employee count.
        var band = LeadCatalog.SizeBand(employees * Math.Exp(0.18 * random.Normal()));
        return new SampleAccount(
            Id: $"001{random.NextUInt64() >> 16:x12}",
            Industry: industry,
            Country: country,
            Employees: employees,
            AnnualRevenue: Math.Round(revenue / 1000) * 1000,
            SizeBand: band,
            TechFit: Distributions.Sigmoid(1.2 * random.Normal()),
            IsCustomer: random.Chance(Distributions.Sigmoid(-3.2 + 0.45 * Math.Log10(employees))),
            Intent: random.Normal(),
            Popularity: Math.Exp(0.9 * random.Normal()),
            EmployeesMissing: random.Chance(employees < 50 ? 0.13 : 0.05),
            RevenueMissing: random.Chance(employees < 200 ? 0.28 : 0.10),
            SizeBandMissing: random.Chance(0.03),
            IndustryMissing: random.Chance(0.04),
            CountryMissing: random.Chance(0.02),
            TechFitMissing: random.Chance(0.35));
    }
}
