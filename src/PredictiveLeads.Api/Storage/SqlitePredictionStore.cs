using System.Data.Common;
using Microsoft.Data.Sqlite;
using PredictiveLeads.Scoring.Comparison;

namespace PredictiveLeads.Api.Storage;

/// <summary>The embedded default store: one SQLite file in WAL mode, created on first start.</summary>
public sealed class SqlitePredictionStore(string path, int? maxMegabytes = null) : SqlPredictionStore
{
    private const int PageSize = 4096;

    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

    public string Path { get; } = path;

    protected override IEnumerable<string> SchemaStatements =>
    [
        "PRAGMA journal_mode = WAL",
        // Plain rowids, not AUTOINCREMENT: the log is never deleted from, so new ids still only grow, and AUTOINCREMENT
        // wrote SQLite's sequence table once per row (over a quarter of an insert's cost). Databases made before keep theirs.
        "CREATE TABLE IF NOT EXISTS predictions (id INTEGER PRIMARY KEY, time TEXT NOT NULL, key_name TEXT NOT NULL, " +
            "model_version TEXT NOT NULL, lead_id TEXT NULL, account_id TEXT NULL, outcome TEXT NOT NULL, probability REAL NULL, " +
            "rule_points REAL NULL, rule_stage TEXT NULL, reasons TEXT NULL, cell TEXT NULL, segment TEXT NULL, owner TEXT NULL, grade TEXT NULL, " +
            "challenger_version TEXT NULL, challenger_probability REAL NULL)",
        // By lead id alone: leads arrive in random id order, and a narrower index costs each logged row less.
        "DROP INDEX IF EXISTS predictions_lead",
        "CREATE INDEX IF NOT EXISTS predictions_by_lead ON predictions (lead_id)",
        "CREATE INDEX IF NOT EXISTS predictions_account ON predictions (account_id)",
        "CREATE TABLE IF NOT EXISTS account_scores (id INTEGER PRIMARY KEY, time TEXT NOT NULL, key_name TEXT NOT NULL, model_version TEXT NOT NULL, " +
            "account_id TEXT NOT NULL, summary TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS account_scores_account ON account_scores (account_id)",
        "CREATE TABLE IF NOT EXISTS outcomes (lead_id TEXT NOT NULL, stage TEXT NOT NULL, reached_at TEXT NOT NULL, " +
            "disqualification_reason TEXT NULL, recorded_at TEXT NOT NULL, PRIMARY KEY (lead_id, stage))",
    ];

    public override Task InitializeAsync(CancellationToken cancellation)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        return base.InitializeAsync(cancellation);
    }

    /// <summary>SQLite has no ADD COLUMN IF NOT EXISTS: the columns are looked up first.</summary>
    protected override async Task AddMissingColumnsAsync(DbConnection connection, CancellationToken cancellation)
    {
        await AddColumnAsync(connection, "predictions", "reasons", "TEXT NULL", cancellation);
        await AddColumnAsync(connection, "latest_scores", "has_outcome", "INTEGER NOT NULL DEFAULT 0", cancellation);
        await AddColumnAsync(connection, "latest_scores", "previous_probability", "REAL NULL", cancellation);
        await AddColumnAsync(connection, "latest_scores", "previous_time", "TEXT NULL", cancellation);
        await AddColumnAsync(connection, "predictions", "cell", "TEXT NULL", cancellation);
        await AddColumnAsync(connection, "latest_scores", "cell", "TEXT NULL", cancellation);
        await AddColumnAsync(connection, "latest_scores", "previous_prediction_id", "INTEGER NULL", cancellation);
        foreach (var table in new[] { "predictions", "latest_scores" })
        {
            await AddColumnAsync(connection, table, "segment", "TEXT NULL", cancellation);
            await AddColumnAsync(connection, table, "owner", "TEXT NULL", cancellation);
        }
        await AddColumnAsync(connection, "predictions", "grade", "TEXT NULL", cancellation);
        await AddColumnAsync(connection, "predictions", "challenger_version", "TEXT NULL", cancellation);
        await AddColumnAsync(connection, "predictions", "challenger_probability", "REAL NULL", cancellation);
    }

    private static async Task AddColumnAsync(DbConnection connection, string table, string column, string definition, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellation), System.Globalization.CultureInfo.InvariantCulture) == 0)
            await ExecuteAsync(connection, $"ALTER TABLE {table} ADD COLUMN {column} {definition}", cancellation);
    }

    /// <summary>
    /// Prediction logs may lose their last moments on a power failure (never on a crash: WAL keeps the file
    /// consistent); outcomes are written on connections set back to full synchronous commits. The log's indexes
    /// take rows in random key order, so a cache large enough to keep their pages saves re-reading them.
    /// </summary>
    protected override async Task PrepareLogConnectionAsync(DbConnection connection, CancellationToken cancellation)
    {
        await ExecuteAsync(connection, "PRAGMA synchronous = NORMAL", cancellation);
        await ExecuteAsync(connection, "PRAGMA cache_size = -65536", cancellation);
    }

    /// <summary>
    /// In-process SQLite spends its time on per-statement bookkeeping, not round trips: one prepared row statement, bound
    /// natively. The insert gives the rows' ids, so the aggregates are fed from the batch in memory (see
    /// <see cref="BatchAggregates"/>) instead of reading its rows back and sorting them by lead.
    /// </summary>
    protected override async Task WriteBatchAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PredictionRecord> predictions,
        CancellationToken cancellation)
    {
        var ids = SqliteLogWriter.Insert((SqliteConnection)connection, predictions);
        foreach (var volume in BatchAggregates.Volumes(predictions))
            await AddVolumeAsync(connection, transaction, volume.Day, volume.ModelVersion, volume.Count, cancellation);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // "WHERE true": SQLite's grammar needs a WHERE before ON CONFLICT when the SELECT ends in a join.
        command.CommandText = LatestInsert + "FROM json_each(@newest) newest JOIN predictions p ON p.id = newest.value ->> 0 " +
            "LEFT JOIN predictions prior ON prior.id = newest.value ->> 1 WHERE true " + LatestUpsert;
        ((SqliteCommand)command).Parameters.AddWithValue("@newest", BatchAggregates.NewestJson(predictions, ids));
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Pooled connections keep their pragmas, so a connection the log set to NORMAL is set back to FULL here.</summary>
    protected override async Task<DbConnection> OpenDurableAsync(CancellationToken cancellation)
    {
        var connection = await OpenAsync(cancellation);
        await ExecuteAsync(connection, "PRAGMA synchronous = FULL", cancellation);
        return connection;
    }

    protected override string DurabilityQuery => "PRAGMA synchronous";

    /// <summary>A SQLite file is the log of one instance.</summary>
    public override bool SharedWithOtherInstances => false;

    /// <summary>On the scoring path: one lead's newest scores read through SQLite's own calls.</summary>
    public override async Task<IReadOnlyList<NewestScore>> NewestScoresAsync(IReadOnlyList<string> leadIds, CancellationToken cancellation)
    {
        if (leadIds.Count != 1)
            return await base.NewestScoresAsync(leadIds, cancellation);
        await using var connection = (SqliteConnection)await OpenAsync(cancellation);
        return SqliteRows.Read(connection, NewestScoresQuery(1), [("@lead0", leadIds[0])], row => new NewestScore(SqliteRows.Text(row, 0)!, SqliteRows.Text(row, 1)!,
            SqliteRows.Number(row, 2), ParseTime(SqliteRows.Text(row, 3)!), SqliteRows.Text(row, 4)!, SqliteRows.Text(row, 5))
            { Grade = SqliteRows.Text(row, 6), RuleStage = SqliteRows.Text(row, 7) });
    }

    public override async Task<IReadOnlyList<LoggedScore>> LatestOfLeadsWithOutcomesAsync(string outcome, CancellationToken cancellation)
    {
        await using var connection = (SqliteConnection)await OpenAsync(cancellation);
        return SqliteRows.Read(connection, KnownScoresQuery, [("@outcome", outcome)], row => KnownScore(SqliteRows.Text(row, 0)!, SqliteRows.Text(row, 1),
            SqliteRows.Text(row, 2)!, SqliteRows.Number(row, 3)!.Value, SqliteRows.Number(row, 4), SqliteRows.Text(row, 5)));
    }

    public override async Task<IReadOnlyList<(string LeadId, string Stage)>> RecordedStagesAsync(CancellationToken cancellation)
    {
        await using var connection = (SqliteConnection)await OpenAsync(cancellation);
        return SqliteRows.Read(connection, RecordedStagesQuery, [], row => (SqliteRows.Text(row, 0)!, SqliteRows.Text(row, 1)!));
    }

    protected override string LatestScoresTable =>
        "CREATE TABLE IF NOT EXISTS latest_scores (lead_id TEXT NOT NULL, outcome TEXT NOT NULL, prediction_id INTEGER NOT NULL, time TEXT NOT NULL, " +
        "key_name TEXT NOT NULL, model_version TEXT NOT NULL, account_id TEXT NULL, probability REAL NULL, rule_points REAL NULL, rule_stage TEXT NULL, " +
        "has_outcome INTEGER NOT NULL DEFAULT 0, previous_probability REAL NULL, previous_time TEXT NULL, cell TEXT NULL, previous_prediction_id INTEGER NULL, segment TEXT NULL, owner TEXT NULL, PRIMARY KEY (lead_id, outcome)) WITHOUT ROWID";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellation)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellation);
        // The cap is per connection, so every one gets it; SQLite then fails writes beyond it with "database or disk is full".
        if (maxMegabytes is { } megabytes)
            await ExecuteAsync(connection, $"PRAGMA max_page_count = {(long)megabytes * 1024 * 1024 / PageSize}", cancellation);
        return connection;
    }
}
