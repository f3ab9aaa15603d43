using System.Net;
using System.Text.Json;

namespace PredictiveLeads.Api.Tests.Api;

public sealed class GridApiTests
{
    [Fact]
    public async Task The_grid_counts_the_served_versions_test_leads_per_cell_as_its_training_report_does()
    {
        using var api = new ApiFactory();
        var client = api.Client();
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "models", "default", "v0001", "report.json")));
        foreach (var outcome in new[] { "became_mql", "became_sql" })
        {
            var response = await client.GetAsync($"/v1/dashboard/grid?outcome={outcome}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var grid = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var cells = grid.RootElement.GetProperty("cells").EnumerateArray().ToList();
            Assert.Equal(16, cells.Count);
            Assert.Equal("A1", $"{cells[0].GetProperty("fit").GetString()}{cells[0].GetProperty("engagement").GetInt32()}");
            var reported = report.RootElement.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("label").GetString() == outcome)
                .GetProperty("fitEngagement").GetProperty("grid").EnumerateArray().ToList();
            Assert.Equal(reported.Select(c => (c.GetProperty("leads").GetInt32(), c.GetProperty("converted").GetInt32())),
                cells.Select(c => (c.GetProperty("leads").GetInt32(), c.GetProperty("converted").GetInt32())));
            // Each grade is a quarter of the test leads, and the best cell converts more than the worst.
            Assert.All(cells.GroupBy(c => c.GetProperty("fit").GetString()), row => Assert.InRange(row.Sum(c => c.GetProperty("leads").GetInt32()), 900, 1100));
            Assert.True(cells[0].GetProperty("rate").GetDouble() > 3 * cells[^1].GetProperty("rate").GetDouble());
            Assert.Contains("industry", grid.RootElement.GetProperty("fitFields").EnumerateArray().Select(f => f.GetString()));
            Assert.Contains("demo_requested", grid.RootElement.GetProperty("engagementFields").EnumerateArray().Select(f => f.GetString()));
        }
        var unknown = await client.GetAsync("/v1/dashboard/grid?outcome=nope");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
