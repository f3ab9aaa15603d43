using System.Net;
using System.Text;

namespace PredictiveLeads.Api.Tests.Api;

public sealed class CsvBatchTests : IClassFixture<ApiFactoryFixture>
{
    private readonly ApiFactory _api;

    public CsvBatchTests(ApiFactoryFixture fixture) => _api = fixture.Api;

    [Fact]
    public async Task Csv_in_gives_csv_out_in_row_order_with_per_row_errors()
    {
        var body = "lead_id,industry,job_title_seniority,demo_requested,pricing_page_views,days_since_last_activity\n" +
            "L1,Software,VP,1,3,2\n" +
            "L2,Education,Other,0,lots,90\n" +
            "L3,Retail & E-commerce,Manager,0,0,\n";

        var response = await _api.Client().PostAsync("/v1/leads/score-batch", new StringContent(body, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("lead_id,became_mql_probability,became_mql_grade,became_mql_change,became_sql_probability,became_sql_grade,became_sql_change,rule_points,rule_stage,error", lines[0]);
        Assert.Equal(["L1", "L2", "L3"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.EndsWith(",", lines[1]);
        Assert.Contains("pricing_page_views", lines[2]);
        Assert.True(double.Parse(lines[1].Split(',')[4], System.Globalization.CultureInfo.InvariantCulture) > 0.1);
    }

    [Fact]
    public async Task A_ragged_csv_is_a_400_naming_the_line()
    {
        var response = await _api.Client().PostAsync("/v1/leads/score-batch", new StringContent("a,b\n1,2\n3\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("request body:3: has 1 fields but the header has 2", text);
    }

    [Fact]
    public async Task Other_content_types_are_415_and_bad_json_is_400()
    {
        var xml = await _api.Client().PostAsync("/v1/leads/score-batch", new StringContent("<leads/>", Encoding.UTF8, "application/xml"));
        var json = await _api.Client().PostAsync("/v1/leads/score-batch", new StringContent("{\"leads\": [", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
    }
}
