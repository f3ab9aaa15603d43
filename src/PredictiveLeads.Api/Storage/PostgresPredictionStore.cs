using System.Data.Common;
using Npgsql;

namespace PredictiveLeads.Api.Storage;

/// <summary>The store on PostgreSQL, used when <c>Storage:PostgresConnectionString</c> is set.</summary>
public sealed class PostgresPredictionStore(string connectionString) : SqlPredictionStore, IAsyncDisposable
{
    private const int PreparedStatements = 32;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(WithPreparedStatements(connectionString));

    /// <summary>
    /// The connection string with Npgsql's automatic preparation on (<c>Max Auto Prepare</c>, unless it sets its own):
    /// the statements every scoring runs (the previous scores, the log's inserts) are then parsed and planned once per
    /// connection instead of on every execution. One instance scored 2,500–2,700 leads/s without it and 3,400–3,900 with
    /// it (2026-12-04, `deploy/cluster.sh start 1`, PostgreSQL on the same two cores).
    /// </summary>
    internal static string WithPreparedStatements(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            builder.MaxAutoPrepare = PreparedStatements;
        return builder.ConnectionString;
    }

    protected override IEnumerable<string> SchemaStatements =>
    [
        "CREATE TABLE IF NOT EXISTS predictions (id BIGSERIAL PRIMARY KEY, time TEXT NOT NULL, key_name TEXT NOT NULL, " +
            "model_version TEXT NOT NULL, lead_id TEXT NULL, account_id TEXT NULL, outcome TEXT NOT NULL, probability DOUBLE PRECISION NULL, " +
            "rule_points DOUBLE PRECISION NULL, rule_stage TEXT NULL, reasons TEXT NULL, cell TEXT NULL, segment TEXT NULL, owner TEXT NULL, grade TEXT NULL, " +
            "challenger_version TEXT NULL, challenger_probability DOUBLE PRECISION NULL)",
        // Databases created before reasons were logged.
        "ALTER TABLE predictions ADD COLUMN IF NOT EXISTS reasons TEXT NULL",
        // By lead id alone: leads arrive in random id order, and a narrower index costs each logged row less.
        "DROP INDEX IF EXISTS predictions_lead",
        "CREATE INDEX IF NOT EXISTS predictions_by_lead ON predictions (lead_id)",
        "CREATE INDEX IF NOT EXISTS predictions_account ON predictions (account_id)",
        "CREATE TABLE IF NOT EXISTS account_scores (id BIGSERIAL PRIMARY KEY, time TEXT NOT NULL, key_name TEXT NOT NULL, model_version TEXT NOT NULL, " +
            "account_id TEXT NOT NULL, summary TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS account_scores_account ON account_scores (account_id)",
        "CREATE TABLE IF NOT EXISTS outcomes (lead_id TEXT NOT NULL, stage TEXT NOT NULL, reached_at TEXT NOT NULL, " +
            "disqualification_reason TEXT NULL, recorded_at TEXT NOT NULL, PRIMARY KEY (lead_id, stage))",
    ];

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellation) => await _dataSource.OpenConnectionAsync(cancellation);

    protected override string DurabilityQuery => "SHOW synchronous_commit";

    protected override string LatestScoresTable =>
        "CREATE TABLE IF NOT EXISTS latest_scores (lead_id TEXT NOT NULL, outcome TEXT NOT NULL, prediction_id BIGINT NOT NULL, time TEXT NOT NULL, " +
        "key_name TEXT NOT NULL, model_version TEXT NOT NULL, account_id TEXT NULL, probability DOUBLE PRECISION NULL, rule_points DOUBLE PRECISION NULL, " +
        "rule_stage TEXT NULL, has_outcome SMALLINT NOT NULL DEFAULT 0, previous_probability DOUBLE PRECISION NULL, previous_time TEXT NULL, cell TEXT NULL, previous_prediction_id BIGINT NULL, segment TEXT NULL, owner TEXT NULL, PRIMARY KEY (lead_id, outcome))";

    protected override async Task AddMissingColumnsAsync(DbConnection connection, CancellationToken cancellation)
    {
        await ExecuteAsync(connection, "ALTER TABLE latest_scores ADD COLUMN IF NOT EXISTS has_outcome SMALLINT NOT NULL DEFAULT 0, " +
            "ADD COLUMN IF NOT EXISTS previous_probability DOUBLE PRECISION NULL, ADD COLUMN IF NOT EXISTS previous_time TEXT NULL, ADD COLUMN IF NOT EXISTS cell TEXT NULL, " +
            "ADD COLUMN IF NOT EXISTS previous_prediction_id BIGINT NULL, ADD COLUMN IF NOT EXISTS segment TEXT NULL, ADD COLUMN IF NOT EXISTS owner TEXT NULL", cancellation);
        await ExecuteAsync(connection, "ALTER TABLE predictions ADD COLUMN IF NOT EXISTS cell TEXT NULL, ADD COLUMN IF NOT EXISTS segment TEXT NULL, " +
            "ADD COLUMN IF NOT EXISTS owner TEXT NULL, ADD COLUMN IF NOT EXISTS grade TEXT NULL, ADD COLUMN IF NOT EXISTS challenger_version TEXT NULL, " +
            "ADD COLUMN IF NOT EXISTS challenger_probability DOUBLE PRECISION NULL", cancellation);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
