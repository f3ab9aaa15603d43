using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Tests.Storage;

/// <summary>An acknowledged outcome survives a power loss: its connection commits with a full sync, whatever the log set on the pooled connection before.</summary>
public sealed class OutcomeDurabilityTests
{
    [Fact]
    public async Task Outcomes_are_written_with_full_synchronous_commits_after_the_log_has_used_the_pooled_connection()
    {
        using var api = new ApiFactory();
        var client = api.Client();
        Assert.True((await client.PostAsJsonAsync("/v1/leads/score", Api.LeadsApiTests.HotLead("00Q-durable"))).IsSuccessStatusCode);
        await api.Services.GetRequiredService<PredictionLog>().UntilWritten(2);
        Assert.True((await client.PostAsJsonAsync("/v1/outcomes", new { leadId = "00Q-durable", stage = "MQL" })).IsSuccessStatusCode);

        var store = (SqlPredictionStore)api.Services.GetRequiredService<IPredictionStore>();

        // SQLite's synchronous levels: 0 OFF, 1 NORMAL (the log's), 2 FULL.
        Assert.Equal("2", await store.OutcomeDurabilityAsync(CancellationToken.None));
    }
}
