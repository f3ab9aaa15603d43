using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PredictiveLeads.Api.Tests.Api;

public sealed class LeadsApiTests : IClassFixture<ApiFactoryFixture>
{
    private readonly ApiFactory _api;

    public LeadsApiTests(ApiFactoryFixture fixture) => _api = fixture.Api;

    internal static object HotLead(string id = "00Q-hot") => new
    {
        id,
        accountId = "001-acme",
        fields = new Dictionary<string, object?>
        {
            ["industry"] = "Software", ["pricing_page_views"] = 3, ["demo_requested"] = 1, ["job_title_seniority"] = "VP",
            ["company_size_band"] = "201-1000", ["days_since_last_activity"] = 2, ["email_domain_type"] = "corporate", ["page_views"] = 12,
            ["marketing_score"] = 70, ["favourite_colour"] = "blue",
        },
    };

    [Fact]
    public async Task Scoring_a_lead_returns_probabilities_grades_reasons_rules_and_warnings()
    {
        var response = await _api.Client().PostAsJsonAsync("/v1/leads/score", HotLead());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("default/v0001", root.GetProperty("modelVersion").GetString());
        var outcomes = root.GetProperty("outcomes").EnumerateArray().ToList();
        Assert.Equal(["became_mql", "became_sql"], outcomes.Select(o => o.GetProperty("outcome").GetString()));
        foreach (var outcome in outcomes)
        {
            Assert.InRange(outcome.GetProperty("probability").GetDouble(), 0, 1);
            Assert.Contains(outcome.GetProperty("grade").GetString(), new[] { "A", "B", "C", "D" });
            var positive = outcome.GetProperty("positiveReasons").EnumerateArray().ToList();
            Assert.NotEmpty(positive);
            Assert.All(positive, r => Assert.True(r.GetProperty("contribution").GetDouble() > 0));
            Assert.Contains(positive, r => r.GetProperty("field").GetString() == "demo_requested" && r.GetProperty("sentence").GetString()!.Contains("raises"));
        }
        Assert.Equal("SQL", root.GetProperty("rules").GetProperty("stage").GetString());
        Assert.Equal(89, root.GetProperty("rules").GetProperty("points").GetDouble());
        var warnings = root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(warnings, w => w.Contains("unknown fields ignored: favourite_colour"));
        Assert.Contains(warnings, w => w.Contains("missing fields treated as missing") && w.Contains("session_minutes"));
    }

    [Fact]
    public async Task A_scoring_answer_is_the_json_the_applications_serializer_writes()
    {
        // The answers are written by the generated serializer itself (JsonOk), not through the application's JSON
        // options: should those options ever differ (indenting, naming, a converter), the answers must not.
        var options = _api.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        await _api.Client().PostAsJsonAsync("/v1/leads/score", HotLead("00Q-json-twice"));
        var response = await _api.Client().PostAsJsonAsync("/v1/leads/score", HotLead("00Q-json-twice"));
        var body = await response.Content.ReadAsStringAsync();

        var answer = JsonSerializer.Deserialize<PredictiveLeads.Api.Contracts.LeadScoreResponse>(body, options)!;

        Assert.NotNull(answer.Outcomes[0].Change);
        Assert.NotEmpty(answer.Outcomes[0].PositiveReasons);
        Assert.Equal(JsonSerializer.Serialize(answer, options), body);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(body), response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Numbers_booleans_and_nulls_read_as_the_same_values_as_their_text()
    {
        var typed = new { fields = new Dictionary<string, object?> { ["pricing_page_views"] = 3.0, ["demo_requested"] = true, ["industry"] = null, ["employees"] = 45 } };
        var text = new { fields = new Dictionary<string, object?> { ["pricing_page_views"] = "3", ["demo_requested"] = "true", ["employees"] = "45" } };

        var fromTyped = await Probabilities(typed);
        var fromText = await Probabilities(text);

        Assert.Equal(fromText, fromTyped);
        async Task<List<double>> Probabilities(object lead)
        {
            var response = await _api.Client().PostAsJsonAsync("/v1/leads/score?explain=false", lead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return [.. json.RootElement.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("probability").GetDouble())];
        }
    }

    [Fact]
    public async Task Field_names_read_the_same_escaped_or_not_and_long_unknown_ones_are_named_back()
    {
        var longName = new string('x', 300);
        const string Plain = """{"fields": {"pricing_page_views": "lots", "demo_requested": 1}}""";
        var escaped = """{"fields": {"pricing\u005Fpage_views": "lots", "\u0064emo_requested": 1, "NAME": "n"}}""".Replace("NAME", longName);

        foreach (var body in new[] { Plain, escaped, Plain })
        {
            var response = await _api.Client().PostAsync("/v1/leads/score", new StringContent(body, Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(["fields.pricing_page_views"], json.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }
        var scored = await _api.Client().PostAsync("/v1/leads/score?explain=false", new StringContent(escaped.Replace("lots", "3"), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        Assert.Contains($"unknown fields ignored: {longName}", await scored.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_wrongly_typed_field_is_named_at_once()
    {
        var lead = new { fields = new Dictionary<string, object?> { ["pricing_page_views"] = "lots", ["demo_requested"] = "maybe", ["industry"] = "Software" } };

        var response = await _api.Client().PostAsJsonAsync("/v1/leads/score", lead);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        Assert.Equal(["fields.demo_requested", "fields.pricing_page_views"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("a boolean", errors.GetProperty("fields.demo_requested")[0].GetString());
    }

    [Fact]
    public async Task Explain_false_skips_the_reasons()
    {
        var response = await _api.Client().PostAsJsonAsync("/v1/leads/score?explain=false", HotLead());

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.All(json.RootElement.GetProperty("outcomes").EnumerateArray(), o => Assert.Equal(0, o.GetProperty("positiveReasons").GetArrayLength()));
    }

    [Theory]
    [InlineData("{\"fields\": {\"pricing_page_views\": ", "not valid JSON")]
    [InlineData("{\"fields\": {}, \"id\": \"x\"", "at line 1, byte 25")]
    [InlineData("{\"fields\": {\"pricing_page_views\": NaN}}", "not valid JSON")]
    [InlineData("{\"fields\": {\"pricing_page_views\": 1e400}}", "not a finite number")]
    [InlineData("{\"fields\": {\"pricing_page_views\": \"lots\"}}", "fields.pricing_page_views")]
    [InlineData("{\"fields\": {\"demo_requested\": \"maybe\"}}", "fields.demo_requested")]
    [InlineData("{\"fields\": {\"industry\": {\"name\": \"x\"}}}", "fields.industry")]
    [InlineData("{\"id\": \"x\"}", "fields")]
    [InlineData("{\"fields\": []}", "not valid JSON")]
    [InlineData("", "body")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string body, string expected)
    {
        var response = await _api.Client().PostAsync("/v1/leads/score", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_arriving_in_pieces_is_read_whole_and_scores_as_the_same_body_sent_at_once()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(HotLead("00Q-pieces"));
        var atOnce = await _api.Client().PostAsync("/v1/leads/score?explain=false", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
        var pieces = new StreamContent(new TrickleStream(body, pieceSize: 7)) { Headers = { ContentType = new("application/json") } };

        var inPieces = await _api.Client().PostAsync("/v1/leads/score?explain=false", pieces);

        Assert.Equal(HttpStatusCode.OK, inPieces.StatusCode);
        using var expected = JsonDocument.Parse(await atOnce.Content.ReadAsStringAsync());
        using var actual = JsonDocument.Parse(await inPieces.Content.ReadAsStringAsync());
        Assert.Equal(expected.RootElement.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("probability").GetDouble()),
            actual.RootElement.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("probability").GetDouble()));
    }

    [Fact]
    public async Task A_body_larger_than_one_buffer_is_read_whole()
    {
        var lead = new { id = "00Q-long", fields = new Dictionary<string, object?> { ["industry"] = "Software", ["notes"] = new string('n', 40_000) } };

        var response = await _api.Client().PostAsJsonAsync("/v1/leads/score?explain=false", lead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("unknown fields ignored: notes", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_lead_in_another_media_type_is_415_and_no_body_is_400_naming_the_body()
    {
        var xml = await _api.Client().PostAsync("/v1/leads/score", new StringContent("<lead/>", Encoding.UTF8, "application/xml"));
        var none = await _api.Client().PostAsync("/v1/leads/score", null);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("\"body\"", await none.Content.ReadAsStringAsync());
    }

    /// <summary>A request body that reads a few bytes at a time, as a slow client's arrives.</summary>
    private sealed class TrickleStream(byte[] data, int pieceSize) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, pieceSize));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, pieceSize)]);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, pieceSize)], cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    [Fact]
    public async Task A_batch_answers_in_order_with_per_item_errors()
    {
        var batch = new
        {
            leads = new object[]
            {
                HotLead("a"),
                new { id = "b", fields = new Dictionary<string, object?> { ["pricing_page_views"] = "many" } },
                new { id = "c", fields = new Dictionary<string, object?> { ["industry"] = "Education", ["email_domain_type"] = "education" } },
            },
        };

        var response = await _api.Client().PostAsJsonAsync("/v1/leads/score-batch?explain=false", batch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["a", "b", "c"], results.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, results[0].GetProperty("error").ValueKind);
        Assert.Contains("leads[1].fields.pricing_page_views", results[1].GetProperty("error").GetRawText());
        Assert.Equal(2, json.RootElement.GetProperty("scored").GetInt32());
        var hot = results[0].GetProperty("score").GetProperty("outcomes")[1].GetProperty("probability").GetDouble();
        var cold = results[2].GetProperty("score").GetProperty("outcomes")[1].GetProperty("probability").GetDouble();
        Assert.True(hot > cold, $"a hot lead ({hot}) should outscore a student ({cold})");
    }

    [Fact]
    public async Task An_oversized_batch_is_refused()
    {
        var leads = Enumerable.Range(0, 1001).Select(i => new { id = $"L{i}", fields = new Dictionary<string, object?>() }).ToList();

        var response = await _api.Client().PostAsJsonAsync("/v1/leads/score-batch", new { leads });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 1000 per batch", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_SQL_probability_is_served_through_the_MQL_one_and_is_never_above_it()
    {
        var sample = File.ReadLines(Path.Combine(RepositoryRoot.Path, "training-data/sample-leads.csv")).Take(1001);
        var batch = await _api.Client().PostAsync("/v1/leads/score-batch", new StringContent(string.Join('\n', sample) + "\n", Encoding.UTF8, "text/csv"));
        var single = await _api.Client().PostAsJsonAsync("/v1/leads/score", HotLead());

        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var rows = (await batch.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n').Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(1000, rows.Count);
        Assert.All(rows, r => Assert.True(double.Parse(r[4], CultureInfo.InvariantCulture) <= double.Parse(r[1], CultureInfo.InvariantCulture), $"{r[0]}: P(SQL) {r[4]} above P(MQL) {r[1]}"));
        using var json = JsonDocument.Parse(await single.Content.ReadAsStringAsync());
        var outcomes = json.RootElement.GetProperty("outcomes");
        Assert.Equal(JsonValueKind.Null, outcomes[0].GetProperty("conditionalOn").ValueKind);
        Assert.Equal("became_mql", outcomes[1].GetProperty("conditionalOn").GetString());
        Assert.All(outcomes[1].GetProperty("positiveReasons").EnumerateArray(), r => Assert.Contains("the chance of became_sql given became_mql", r.GetProperty("sentence").GetString()));
    }

    [Fact]
    public async Task A_thousand_lead_batch_is_scored()
    {
        var leads = Enumerable.Range(0, 1000).Select(i => HotLead($"L{i}")).ToList();

        var response = await _api.Client().PostAsJsonAsync("/v1/leads/score-batch", new { leads });

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1000, json.RootElement.GetProperty("scored").GetInt32());
    }
}

/// <summary>One API shared by a test class.</summary>
public sealed class ApiFactoryFixture : IDisposable
{
    public ApiFactory Api { get; } = new();

    public void Dispose() => Api.Dispose();
}
