using Npgsql;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Tests.Storage;

public sealed class PostgresPreparedStatementsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public void The_store_prepares_its_statements_unless_the_connection_string_says_otherwise()
    {
        Assert.Equal(32, new NpgsqlConnectionStringBuilder(PostgresPredictionStore.WithPreparedStatements("Host=db;Username=app")).MaxAutoPrepare);
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(PostgresPredictionStore.WithPreparedStatements("Host=db;Max Auto Prepare=0")).MaxAutoPrepare);
        Assert.Equal(5, new NpgsqlConnectionStringBuilder(PostgresPredictionStore.WithPreparedStatements("Host=db;MaxAutoPrepare=5")).MaxAutoPrepare);
    }

    [PostgresFact]
    [Trait("Category", "Slow")]
    public async Task A_statement_run_again_and_again_is_prepared_on_the_server()
    {
        await using var connection = new NpgsqlConnection(PostgresPredictionStore.WithPreparedStatements(postgres.Server.ConnectionString()));
        await connection.OpenAsync();
        for (var i = 0; i < 6; i++)
        {
            await using var repeated = new NpgsqlCommand("SELECT @lead || '-seen'", connection);
            repeated.Parameters.AddWithValue("lead", $"00Q-{i}");
            Assert.Equal($"00Q-{i}-seen", await repeated.ExecuteScalarAsync());
        }
        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%-seen%'", connection);
        Assert.Equal(1L, await prepared.ExecuteScalarAsync());
    }
}
