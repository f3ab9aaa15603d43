using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Schema;

namespace PredictiveLeads.Api.Tests.Api;

/// <summary>A CSV batch is read with the served model's column kinds, so its answers are the JSON answers.</summary>
public sealed class CsvBatchKindsTests : IDisposable
{
    private readonly ApiFactory _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task A_numeric_looking_category_such_as_a_zip_code_gets_the_same_answer_in_a_csv_batch_as_in_json()
    {
        await ServeZipModel();
        var client = _api.Client();

        var bostonJson = await JsonProbability(client, "02134");
        var otherJson = await JsonProbability(client, "2134");
        var csv = await client.PostAsync("/v1/leads/score-batch",
            new StringContent("lead_id,zip,visits\nL1,02134,3\nL2,2134,3\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("lead_id,became_sql_probability,became_sql_grade,became_sql_change,rule_points,rule_stage,error", lines[0]);
        Assert.NotEqual(bostonJson, otherJson);
        Assert.Equal(bostonJson, double.Parse(lines[1].Split(',')[1], CultureInfo.InvariantCulture));
        Assert.Equal(otherJson, double.Parse(lines[2].Split(',')[1], CultureInfo.InvariantCulture));
    }

    private static async Task<double> JsonProbability(HttpClient client, string zip)
    {
        var response = await client.PostAsJsonAsync("/v1/leads/score", new { id = "L-" + zip, fields = new Dictionary<string, object> { ["zip"] = zip, ["visits"] = 3 } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("outcomes")[0].GetProperty("probability").GetDouble();
    }

    /// <summary>Trains and activates a model where zip 02134 converts far more often than 2134, a different area.</summary>
    private Task<string> ServeZipModel()
    {
        var text = new StringBuilder("lead_id,zip,visits,became_sql\n");
        string[] zips = ["02134", "2134", "10001", "94105"];
        double[] rates = [0.6, 0.1, 0.3, 0.3];
        var random = new Random(7);
        for (var i = 0; i < 4000; i++)
        {
            var z = i % zips.Length;
            var converted = random.NextDouble() < rates[z] ? 1 : 0;
            text.Append(CultureInfo.InvariantCulture, $"L{i},{zips[z]},{random.Next(10)},{converted}\n");
        }
        var schema = new ExportSchema { Id = "lead_id", Outcomes = ["became_sql"], Kinds = new Dictionary<string, ColumnKind> { ["zip"] = ColumnKind.Categorical } };
        return _api.ServeTrained(text.ToString(), schema);
    }
}
