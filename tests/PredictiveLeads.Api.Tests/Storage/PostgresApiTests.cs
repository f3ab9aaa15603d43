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

    [PostgresFact]
    public async Task A_database_turned_read_only_makes_outcomes_503_and_readiness_says_read_only()
    {
        var database = "readonly_" + Guid.NewGuid().ToString("N");
        await Admin($"CREATE DATABASE {database}");
        using var api = new PostgresApi(postgres.Server.ConnectionString(database));
        var client = api.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        // What a failover to a standby looks like to the service: its connections end, and new ones may only read.
        await Admin($"ALTER DATABASE {database} SET default_transaction_read_only = on");
        await Admin($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            var response = await client.PostAsJsonAsync("/v1/outcomes", new { leadId = $"00Q-ro-{i}", stage = "MQL" });
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && problem.RootElement.GetProperty("detail").GetString()!.Contains("read-only", StringComparison.Ordinal))
                refused = response;
            else
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }
        var ready = await client.GetAsync("/health/ready");

        Assert.NotNull(refused);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("read-only", await ready.Content.ReadAsStringAsync());
    }

    private async Task Admin(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(postgres.Server.ConnectionString());
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
