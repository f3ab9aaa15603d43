using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PredictiveLeads.Api.Tests.Api;

/// <summary>The service exposed to careless or hostile clients: limits on every endpoint, key guessing, cross-origin requests, headers.</summary>
public sealed class ExposureTests
{
    [Fact]
    public void Every_endpoint_that_needs_a_key_or_session_is_rate_limited()
    {
        using var api = new ApiFactory();
        _ = api.Client();

        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var unlimited = endpoints.Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Metadata.GetMetadata<EnableRateLimitingAttribute>() is null)
            .Select(e => e.RoutePattern.RawText).ToList();

        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/v1/monitoring");
        Assert.Empty(unlimited);
    }

    [Fact]
    public async Task The_endpoints_that_read_the_log_have_their_own_per_key_limit_answered_as_a_typed_429()
    {
        using var api = new ApiFactory { ExpensivePerMinute = 20 };
        var client = api.Client();

        var first = await client.GetAsync("/v1/monitoring");
        var second = await client.GetAsync("/v1/monitoring");
        var third = await client.GetAsync("/v1/monitoring");
        var scoring = await client.PostAsJsonAsync("/v1/leads/score", LeadsApiTests.HotLead());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Contains("\"type\":\"https://www.rfc-editor.org/rfc/rfc6585#section-4\"", await third.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, scoring.StatusCode);
    }

    [Fact]
    public async Task A_client_guessing_keys_is_locked_out_on_every_path_but_never_locks_out_another_client_with_a_right_key()
    {
        using var api = new ApiFactory { FailedAuthPerMinute = 3, Settings = new Dictionary<string, string> { ["Proxy:TrustedProxies:0"] = "127.0.0.1" } };
        using var http = new HttpClient { BaseAddress = api.StartOnLoopback() };

        var guesses = new List<HttpStatusCode>();
        foreach (var path in new[] { "/v1/models/current", "/v1/session", "/v1/monitoring", "/v1/dashboard/comparison" })
            guesses.Add((await Send(http, HttpMethod.Get, path, "guess-000000000" + path.Length, "203.0.113.7")).StatusCode);
        var rightKeyFromGuesser = await Send(http, HttpMethod.Get, "/v1/models/current", ApiFactory.ScoreKey, "203.0.113.7");
        var rightKeyFromOther = await Send(http, HttpMethod.Get, "/v1/models/current", ApiFactory.ScoreKey, "198.51.100.2");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], guesses);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightKeyFromGuesser.StatusCode);
        Assert.NotNull(rightKeyFromGuesser.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, rightKeyFromOther.StatusCode);
    }

    [Fact]
    public async Task Forwarded_addresses_from_an_untrusted_peer_are_ignored_so_a_guesser_cannot_rotate_them()
    {
        using var api = new ApiFactory { FailedAuthPerMinute = 2 };
        using var http = new HttpClient { BaseAddress = api.StartOnLoopback() };

        var first = await Send(http, HttpMethod.Get, "/v1/models/current", "guess-0000000001", "203.0.113.1");
        var second = await Send(http, HttpMethod.Get, "/v1/models/current", "guess-0000000002", "203.0.113.2");
        var third = await Send(http, HttpMethod.Get, "/v1/models/current", "guess-0000000003", "203.0.113.3");

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    [Fact]
    public async Task A_session_cannot_be_used_from_another_origin_of_the_same_site_and_activation_needs_a_json_body()
    {
        using var api = new ApiFactory();
        api.PublishCopy("v0002");
        var browser = api.Client(key: null);
        var signIn = new HttpRequestMessage(HttpMethod.Post, "/v1/session") { Content = JsonContent.Create(new { key = ApiFactory.AdminKey }) };
        signIn.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(signIn)).StatusCode);

        var formFromSibling = Activation("application/x-www-form-urlencoded", "reason=x", ("Origin", "http://localhost:8081"));
        var jsonFromSubdomain = Activation("application/json", "{}", ("Sec-Fetch-Site", "same-site"));
        var noOrigin = Activation("application/json", "{}");
        var formFromSelf = Activation("application/x-www-form-urlencoded", "reason=x", ("Origin", "http://localhost"));
        var jsonFromSelf = Activation("application/json", "{\"reason\": \"reviewed\"}", ("Sec-Fetch-Site", "same-origin"));

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(formFromSibling)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(jsonFromSubdomain)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(noOrigin)).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await browser.SendAsync(formFromSelf)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(jsonFromSelf)).StatusCode);
    }

    [Theory]
    [InlineData("/v1/models/..%2F..%2Fetc/v0001/activate", "name")]
    [InlineData("/v1/models/default/latest/activate", "version")]
    public async Task Activating_a_malformed_name_or_version_is_a_400_naming_it(string path, string field)
    {
        using var api = new ApiFactory();

        var response = await api.Client(ApiFactory.AdminKey).PostAsJsonAsync(path, new { reason = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_version_is_a_404_problem_and_a_refusal_names_no_server_path()
    {
        using var api = new ApiFactory();
        await api.PublishUnreadable("v0002");
        var admin = api.Client(ApiFactory.AdminKey);

        var unknown = await admin.PostAsJsonAsync("/v1/models/default/v0099/activate", new { reason = "x" });
        var refused = await admin.PostAsJsonAsync("/v1/models/default/v0002/activate", new { reason = "x" });
        var badBody = await api.Client().PostAsync("/v1/leads/score", new StringContent("{\"fields\": {\"employees\": {}}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        var detail = await refused.Content.ReadAsStringAsync();
        Assert.Contains("default/v0002/became_sql.model.json", detail);
        Assert.DoesNotContain(api.Registry, detail);
        var bodyProblem = await badBody.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        Assert.DoesNotContain("System.", bodyProblem);
        Assert.DoesNotContain("PredictiveLeads.", bodyProblem);
    }

    [Fact]
    public async Task Every_answer_carries_security_headers_and_swagger_has_a_content_security_policy()
    {
        using var api = new ApiFactory();
        var client = api.Client();

        var json = await client.GetAsync("/v1/models/current");
        var swagger = await client.GetAsync("/swagger/index.html");

        Assert.Equal("nosniff", json.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", json.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'none'", json.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", json.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
        Assert.Contains("script-src 'self'", swagger.Headers.GetValues("Content-Security-Policy").Single());
    }

    private static HttpRequestMessage Activation(string contentType, string body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/models/default/v0002/activate") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        return request;
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string key, string forwardedFor)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", key);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return http.SendAsync(request);
    }
}
