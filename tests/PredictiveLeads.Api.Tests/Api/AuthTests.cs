using System.Net;
using System.Net.Http.Json;

namespace PredictiveLeads.Api.Tests.Api;

public sealed class AuthTests : IClassFixture<ApiFactoryFixture>
{
    private readonly ApiFactory _api;

    public AuthTests(ApiFactoryFixture fixture) => _api = fixture.Api;

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-000000000")]
    public async Task No_or_wrong_key_is_401(string? key)
    {
        var response = await _api.Client(key).PostAsJsonAsync("/v1/leads/score", LeadsApiTests.HotLead());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_score_key_cannot_activate_models()
    {
        var response = await _api.Client(ApiFactory.ScoreKey).PostAsync("/v1/models/default/v0001/activate", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_keys_role_is_decided_again_once_it_changes_however_often_it_was_granted_before()
    {
        using var api = new ApiFactory();
        var key = api.Client(ApiFactory.AdminKey);
        for (var call = 0; call < 3; call++)
            Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/v1/webhooks/deliveries")).StatusCode);

        api.Live.Set("Auth:ApiKeys:1:Role", "score");
        api.Live.Apply();
        Assert.Equal(HttpStatusCode.Forbidden, (await key.GetAsync("/v1/webhooks/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await key.GetAsync("/v1/webhooks/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await key.PostAsJsonAsync("/v1/leads/score", LeadsApiTests.HotLead())).StatusCode);

        api.Live.Set("Auth:ApiKeys:1:Role", "admin");
        api.Live.Apply();
        Assert.Equal(HttpStatusCode.OK, (await key.GetAsync("/v1/webhooks/deliveries")).StatusCode);
    }

    [Fact]
    public async Task Health_and_documentation_need_no_key()
    {
        var client = _api.Client(key: null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/v1/leads/score", openApi);
        Assert.Contains("pricing_page_views", openApi);
        Assert.Contains("X-Api-Key", openApi);
        Assert.Contains("the chance of became_sql", openApi); // the example answer, scored by the served model
        using var document = System.Text.Json.JsonDocument.Parse(openApi);
        var fields = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("LeadFieldValues");
        Assert.Equal("object", fields.GetProperty("type").GetString());
        Assert.Equal(["null", "boolean", "number", "string"], fields.GetProperty("additionalProperties").GetProperty("type").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/index.html")).StatusCode);
    }

    [Fact]
    public async Task Going_over_the_rate_limit_is_429_with_retry_after()
    {
        using var limited = new ApiFactory(permitsPerSecond: 3);
        var client = limited.Client();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 8; i++)
        {
            last = await client.PostAsJsonAsync("/v1/leads/score?explain=false", LeadsApiTests.HotLead());
            statuses.Add(last.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        var rejected = await client.PostAsJsonAsync("/v1/leads/score?explain=false", LeadsApiTests.HotLead());
        if (rejected.StatusCode == HttpStatusCode.TooManyRequests)
            Assert.NotNull(rejected.Headers.RetryAfter);
    }
}
