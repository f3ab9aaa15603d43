using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Tests.Api;

/// <summary>Every time the service writes comes from its clock, so a test can set it and check exact times.</summary>
public sealed class ClockTests
{
    private static readonly DateTimeOffset Then = new(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Fact]
    public async Task Scorings_outcomes_without_a_time_and_accounts_are_stamped_by_the_service_clock()
    {
        var clock = new FakeTimeProvider(Then);
        using var api = new ApiFactory(clock: clock);
        var client = api.Client();

        (await client.PostAsJsonAsync("/v1/leads/score", LeadsApiTests.HotLead("clock-1"))).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromHours(2));
        var outcome = await client.PostAsJsonAsync("/v1/outcomes", new { leadId = "clock-1", stage = "SQL" });
        await api.Services.GetRequiredService<PredictionLog>().UntilWritten(2);

        using var recorded = JsonDocument.Parse(await outcome.Content.ReadAsStringAsync());
        Assert.Equal(Then.AddHours(2).UtcDateTime, recorded.RootElement.GetProperty("reachedAt").GetDateTime().ToUniversalTime());
        using var history = JsonDocument.Parse(await client.GetStringAsync("/v1/leads/clock-1/history"));
        Assert.All(history.RootElement.GetProperty("predictions").EnumerateArray(),
            p => Assert.Equal(Then.UtcDateTime, p.GetProperty("time").GetDateTime().ToUniversalTime()));
        Assert.Equal(Then.AddHours(2).UtcDateTime, history.RootElement.GetProperty("outcomes")[0].GetProperty("reachedAt").GetDateTime().ToUniversalTime());
    }
}
