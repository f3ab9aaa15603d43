using System.Globalization;
using System.Text;
using PredictiveLeads.Learning.Common;

namespace PredictiveLeads.Testing;

/// <summary>Seeded synthetic lead-like CSV files with a known outcome function, for end-to-end tests.</summary>
public static class SyntheticData
{
    private static readonly string[] Industries = ["Software", "Finance", "Retail", "Education", "Health", "Energy"];
    private static readonly string[] Seniority = ["C-Level", "VP", "Director", "Manager", "Individual"];

    /// <summary>
    /// Writes <paramref name="rows"/> leads: id, created_at, industry, seniority, visits (some missing),
    /// pricing_views, demo (yes/no) and converted (0/1), where conversion depends on an interaction of
    /// demo and seniority plus visits and industry.
    /// </summary>
    public static string Leads(int rows, int seed, char delimiter = ',')
    {
        var random = new DeterministicRandom((ulong)seed);
        var text = new StringBuilder();
        var d = delimiter;
        text.Append(CultureInfo.InvariantCulture, $"Lead Id{d}created_at{d}industry{d}seniority{d}visits{d}pricing_views{d}demo{d}converted\n");
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < rows; i++)
        {
            var industry = Industries[random.Next(Industries.Length)];
            var seniority = Seniority[random.Next(Seniority.Length)];
            var visits = random.NextDouble() < 0.1 ? double.NaN : Math.Floor(-Math.Log(1 - random.NextDouble()) * 5);
            var pricing = random.Next(4);
            var demo = random.NextDouble() < 0.3;
            var senior = seniority is "C-Level" or "VP" or "Director";
            var score = -2.0 + (demo && senior ? 2.5 : 0) + (double.IsNaN(visits) ? -0.5 : 0.15 * visits) + 0.3 * pricing
                + (industry == "Software" ? 0.7 : industry == "Education" ? -0.8 : 0);
            var converted = random.NextDouble() < 1 / (1 + Math.Exp(-score)) ? 1 : 0;
            var created = start.AddMinutes(random.Next(60 * 24 * 365));
            text.Append(CultureInfo.InvariantCulture,
                $"L{i:D6}{d}{created:yyyy-MM-dd HH:mm:ss}{d}{industry}{d}{seniority}{d}{(double.IsNaN(visits) ? "" : visits.ToString(CultureInfo.InvariantCulture))}{d}{pricing}{d}{(demo ? "Yes" : "No")}{d}{converted}\n");
        }
        return text.ToString();
    }
}
