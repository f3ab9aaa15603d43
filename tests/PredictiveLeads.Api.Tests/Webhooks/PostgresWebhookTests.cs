using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using PredictiveLeads.Api.Tests.Storage;
using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Api.Tests.Webhooks;

/// <summary>The outbox on PostgreSQL, shared by two instances that both send: every event reaches the receiver once.</summary>
[Trait("Category", "Slow")]
public sealed class PostgresWebhookTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private sealed class PostgresApi(string connectionString, string url) : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Storage:PostgresConnectionString", connectionString);
            builder.UseSetting("Webhooks:Endpoints:0:Url", url);
            builder.UseSetting("Webhooks:Endpoints:0:Secret", "whsec-test-0123456789");
            builder.UseSetting("Webhooks:Endpoints:0:Events:0", WebhookEventTypes.CrossedThreshold);
            builder.UseSetting("Webhooks:Thresholds:0:Probability", "0.000001");
            builder.UseSetting("Webhooks:PollSeconds", "0.05");
        }
    }

    [PostgresFact]
    public async Task Two_instances_sharing_the_outbox_deliver_each_event_exactly_once()
    {
        var database = "webhooks_" + Guid.NewGuid().ToString("N");
        await using (var admin = new Npgsql.NpgsqlConnection(postgres.Server.ConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }
        await using var receiver = await WebhookReceiver.StartAsync();
        using var first = new PostgresApi(postgres.Server.ConnectionString(database), receiver.Url);
        using var second = new PostgresApi(postgres.Server.ConnectionString(database), receiver.Url);
        var clients = new[] { first.Client(), second.Client() };

        const int Leads = 40;
        for (var i = 0; i < Leads; i++)
        {
            var response = await clients[i % 2].PostAsJsonAsync("/v1/leads/score?explain=false",
                new { id = $"00Q-pg-hook-{i}", fields = new Dictionary<string, object?> { ["industry"] = "Software" } });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        // Every first scoring is above the tiny threshold: one crossing per lead and outcome.
        var expected = Leads * 2;
        await receiver.Until(_ => receiver.Received.Select(r => r.Id).Distinct().Count() >= expected);

        Assert.Equal(expected, receiver.Received.Count);
        Assert.Equal(expected, receiver.Received.Select(r => r.Id).Distinct().Count());
        Assert.Equal(Leads, receiver.Received.Select(r => r.Json.GetProperty("leadId").GetString()).Distinct().Count());
        var listed = (await DeliveriesListingTests.Pages(first.Client(ApiFactory.AdminKey), limit: 7)).SelectMany(page => page).ToList();
        Assert.Equal(expected, listed.Distinct().Count());
        Assert.Equal(expected, listed.Count);
    }
}
