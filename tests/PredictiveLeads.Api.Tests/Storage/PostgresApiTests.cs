using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using PredictiveLeads.Api.Tests.Api;

namespace PredictiveLeads.Api.Tests.Storage;

[Trait("Category", "Slow")]
public sealed class PostgresApiTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private sealed class PostgresApi(string connectionString, string? folder = null) : ApiFactory(folder)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Storage:PostgresConnectionString", connectionString);
        }
    }

    [PostgresFact]
    public async Task With_a_connection_string_predictions_and_outcomes_go_to_postgres_and_survive_a_restart()
    {
        var connection = postgres.Server.ConnectionString();
        var lead = "00Q-pg-" + Guid.NewGuid().ToString("N");
        using (var first = new PostgresApi(connection))
        {
            var client = first.Client();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/leads/score", LeadsApiTests.HotLead(lead))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/v1/outcomes", new { leadId = lead, stage = "MQL" })).StatusCode);
        }

        using var second = new PostgresApi(connection);
        using var history = JsonDocument.Parse(await second.Client().GetStringAsync($"/v1/leads/{lead}/history"));
        Assert.Equal("MQL", history.RootElement.GetProperty("outcomes")[0].GetProperty("stage").GetString());
        Assert.Equal(2, history.RootElement.GetProperty("predictions").GetArrayLength());
        var store = (PredictiveLeads.Api.Storage.SqlPredictionStore)second.Services.GetRequiredService<PredictiveLeads.Api.Storage.IPredictionStore>();
        Assert.Equal("on", await store.OutcomeDurabilityAsync(CancellationToken.None));
    }
}
