namespace PredictiveLeads.Scoring.SampleData;

/// <summary>
/// The levels of the sample data's categorical fields, with how common each is and how it moves conversion.
/// Names, shares and effects follow the peer benchmark's generator (<c>../shared/bench/gen_leads.py</c>), so
/// files from either generator mean the same thing.
/// </summary>
internal static class LeadCatalog
{
    public sealed record Industry(string Name, double Share, double Effect, double SizeShift, double RevenuePerEmployee);
    public sealed record Country(string Name, double Share, double RegionEffect);
    public sealed record Source(string Name, double Share, double Effect, double Engagement);
    public sealed record Seniority(string Name, double Share, double Effect, bool DecisionMaker);
    public sealed record Level(string Name, double Share, double Effect);

    public static readonly Industry[] Industries =
    [
        new("Software", .16, .50, -.2, 220), new("IT Services", .10, .30, 0, 130), new("Financial Services", .09, .35, .3, 350),
        new("Insurance", .05, .15, .3, 300), new("Healthcare", .08, .05, .2, 120), new("Pharma & Biotech", .04, .10, .2, 400),
        new("Manufacturing", .11, 0, .4, 250), new("Retail & E-commerce", .08, -.15, .1, 180), new("Logistics & Transportation", .05, -.05, .2, 200),
        new("Telecommunications", .04, .10, .5, 350), new("Energy & Utilities", .04, 0, .5, 600), new("Education", .05, -.60, .3, 80),
        new("Government", .03, -.40, .6, 150), new("Media & Entertainment", .05, -.20, -.3, 200), new("Non-profit", .03, -.70, -.5, 60),
    ];

    public static readonly Country[] Countries =
    [
        new("United States", .34, .25), new("Canada", .05, .25), new("United Kingdom", .09, .10), new("Germany", .07, .10),
        new("France", .05, .10), new("Netherlands", .03, .10), new("Ireland", .01, .10), new("Switzerland", .012, .10),
        new("Belgium", .01, .10), new("Austria", .008, .10), new("Spain", .02, -.10), new("Italy", .02, -.10),
        new("Sweden", .015, .15), new("Norway", .008, .15), new("Denmark", .008, .15), new("Finland", .006, .15),
        new("Poland", .012, -.20), new("Australia", .035, 0), new("New Zealand", .006, 0), new("Japan", .02, 0),
        new("Singapore", .01, 0), new("South Korea", .01, 0), new("India", .06, -.45), new("China", .01, -.45),
        new("Brazil", .03, -.35), new("Mexico", .015, -.35), new("Argentina", .008, -.35), new("South Africa", .01, -.30),
        new("United Arab Emirates", .008, -.10), new("Israel", .008, -.10),
    ];

    public static readonly Source[] Sources =
    [
        new("Organic Search", .20, .10, 0), new("Paid Search", .15, 0, .1), new("Webinar", .09, .30, .3), new("Referral", .05, .90, .2),
        new("Trade Show", .06, .20, .1), new("Cold Outbound", .12, -.50, -.5), new("Partner", .05, .60, .1),
        new("Content Syndication", .10, -.60, -.3), new("Social Media", .08, -.30, 0), new("Direct", .10, .20, .3),
    ];

    public static readonly Seniority[] Seniorities =
    [
        new("C-Level", .06, .30, true), new("VP", .09, .40, true), new("Director", .17, .35, true),
        new("Manager", .28, .10, false), new("Individual Contributor", .32, -.20, false), new("Other", .08, -.60, false),
    ];

    public static readonly Level[] Departments =
    [
        new("Sales", .16, 0), new("Marketing", .20, 0), new("IT", .22, 0), new("Engineering", .12, 0),
        new("Finance", .09, 0), new("Operations", .11, 0), new("HR", .04, 0), new("Other", .06, 0),
    ];

    public static readonly Level[] EmailTypes = [new("corporate", .79, 0), new("free", .17, -.70), new("education", .025, -.80), new("government", .015, -.30)];

    public static readonly string[] SizeBands = ["1-10", "11-50", "51-200", "201-1000", "1001-5000", "5001+"];

    public static readonly double[] SizeBandEdges = [10.5, 50.5, 200.5, 1000.5, 5000.5];

    /// <summary>How much pricing-page interest counts, by size band.</summary>
    public static readonly double[] SizePricingWeight = [.5, .8, 1.0, 1.25, 1.25, 1.0];

    /// <summary>Lead volume by calendar month (January first): summer and December are quiet, quarter ends busy.</summary>
    public static readonly double[] MonthVolume = [1.10, 1.05, 1.15, 1.00, 1.00, 1.05, 0.80, 0.70, 1.10, 1.15, 1.05, 0.75];

    public static int SizeBand(double employees)
    {
        var band = 0;
        while (band < SizeBandEdges.Length && employees > SizeBandEdges[band])
            band++;
        return band;
    }
}
