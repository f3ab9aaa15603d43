using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace PredictiveLeads.Api.Tests.Auth;

/// <summary>Dashboard sessions live in the service's database and end when they should, even for a cookie kept and replayed.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task A_cookie_replayed_after_sign_out_is_refused()
    {
        using var api = new ApiFactory();
        var cookie = await SignIn(api, ApiFactory.ScoreKey);
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(api, cookie, HttpMethod.Get, "/v1/dashboard/comparison")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await WithCookie(api, cookie, HttpMethod.Delete, "/v1/session")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(api, cookie, HttpMethod.Get, "/v1/dashboard/comparison")).StatusCode);
    }

    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_however_much_it_is_used()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 1, 1, 9, 0, 0, TimeSpan.Zero));
        using var api = new ApiFactory(clock: clock) { Settings = new Dictionary<string, string> { ["Auth:SessionHours"] = "8" } };
        var cookie = await SignIn(api, ApiFactory.ScoreKey);

        for (var hour = 0; hour < 7; hour++)
        {
            clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.OK, (await WithCookie(api, cookie, HttpMethod.Get, "/v1/dashboard/comparison")).StatusCode);
        }
        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(api, cookie, HttpMethod.Get, "/v1/dashboard/comparison")).StatusCode);
    }

    [Theory]
    [InlineData("role changed")]
    [InlineData("key rotated")]
    [InlineData("key removed")]
    public async Task Changing_or_removing_the_key_ends_its_sessions_at_the_next_request(string change)
    {
        using var api = new ApiFactory();
        var cookie = await SignIn(api, ApiFactory.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(api, cookie, HttpMethod.Get, "/v1/export")).StatusCode);

        if (change == "role changed")
            api.Live.Set("Auth:ApiKeys:1:Role", "score");
        else if (change == "key rotated")
            api.Live.Set("Auth:ApiKeys:1:Key", "a-new-admin-key-0002");
        else
            api.Live.Remove("Auth:ApiKeys:1:");
        api.Live.Apply();

        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(api, cookie, HttpMethod.Get, "/v1/dashboard/comparison")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(api, cookie, HttpMethod.Get, "/v1/export")).StatusCode);
    }

    [Fact]
    public async Task The_cookie_holds_a_random_token_and_is_secure_behind_a_trusted_tls_proxy()
    {
        using var api = new ApiFactory { Settings = new Dictionary<string, string> { ["Proxy:TrustedProxies:0"] = "127.0.0.1" } };
        using var http = new HttpClient { BaseAddress = api.StartOnLoopback() };
        var signIn = new HttpRequestMessage(HttpMethod.Post, "/v1/session") { Content = JsonContent.Create(new { key = ApiFactory.ScoreKey }) };
        signIn.Headers.Add("X-Forwarded-Proto", "https");
        signIn.Headers.Add("X-Forwarded-For", "198.51.100.9");

        var response = await http.SendAsync(signIn);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^predictiveleads_session=[A-Za-z0-9_-]{43};", cookie);
    }

    [Fact]
    public async Task The_data_protection_key_ring_is_kept_in_the_service_database_shared_by_every_instance()
    {
        using var api = new ApiFactory();
        await SignIn(api, ApiFactory.ScoreKey);

        var store = api.Services.GetRequiredService<PredictiveLeads.Api.Storage.IPredictionStore>();

        var keys = ((Microsoft.AspNetCore.DataProtection.Repositories.IXmlRepository)store).GetAllElements();
        Assert.NotEmpty(keys);
        Assert.Equal(keys.Count, api.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>().GetAllKeys().Count);
    }

    private static async Task<string> SignIn(ApiFactory api, string key)
    {
        var response = await api.Client(key: null).PostAsJsonAsync("/v1/session", new { key });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private static Task<HttpResponseMessage> WithCookie(ApiFactory api, string cookie, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return api.Client(key: null).SendAsync(request);
    }
}
