using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PredictiveLeads.Api.Storage;

/// <summary>The embedded default store: one SQLite file in WAL mode, created on first start.</summary>
public sealed class SqlitePredictionStore(string path) : IPredictionStore
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

    private static readonly string[] PredictionParameters = ["$time", "$key", "$version", "$lead", "$account", "$outcome", "$probability", "$points", "$stage"];

    public string Path { get; } = path;

    public async Task InitializeAsync(CancellationToken cancellation)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        await using var connection = await OpenAsync(cancellation);
        await ExecuteAsync(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS predictions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                time TEXT NOT NULL, key_name TEXT NOT NULL, model_version TEXT NOT NULL,
                lead_id TEXT NULL, account_id TEXT NULL, outcome TEXT NOT NULL,
                probability REAL NULL, rule_points REAL NULL, rule_stage TEXT NULL);
            CREATE INDEX IF NOT EXISTS predictions_lead ON predictions (lead_id, time);
            CREATE TABLE IF NOT EXISTS outcomes (
                lead_id TEXT NOT NULL, stage TEXT NOT NULL, reached_at TEXT NOT NULL,
                disqualification_reason TEXT NULL, recorded_at TEXT NOT NULL,
                PRIMARY KEY (lead_id, stage));
            """, cancellation);
    }

    public async Task InsertPredictionsAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO predictions (time, key_name, model_version, lead_id, account_id, outcome, probability, rule_points, rule_stage)
            VALUES ($time, $key, $version, $lead, $account, $outcome, $probability, $points, $stage)
            """;
        var parameters = PredictionParameters
            .Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        foreach (var p in predictions)
        {
            object?[] values = [Time(p.Time), p.KeyName, p.ModelVersion, p.LeadId, p.AccountId, p.Outcome, p.Probability, p.RulePoints, p.RuleStage];
            for (var i = 0; i < values.Length; i++)
                parameters[i].Value = values[i] ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellation);
        }
        await transaction.CommitAsync(cancellation);
    }

    public async Task<bool> InsertOutcomeAsync(OutcomeRecord outcome, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO outcomes (lead_id, stage, reached_at, disqualification_reason, recorded_at)
            VALUES ($lead, $stage, $reached, $reason, $recorded)
            ON CONFLICT (lead_id, stage) DO NOTHING
            """;
        command.Parameters.AddWithValue("$lead", outcome.LeadId);
        command.Parameters.AddWithValue("$stage", outcome.Stage);
        command.Parameters.AddWithValue("$reached", Time(outcome.ReachedAt));
        command.Parameters.AddWithValue("$reason", (object?)outcome.DisqualificationReason ?? DBNull.Value);
        command.Parameters.AddWithValue("$recorded", Time(outcome.RecordedAt));
        return await command.ExecuteNonQueryAsync(cancellation) == 1;
    }

    public async Task<IReadOnlyList<PredictionRecord>> HistoryAsync(string leadId, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT time, key_name, model_version, lead_id, account_id, outcome, probability, rule_points, rule_stage
            FROM predictions WHERE lead_id = $lead ORDER BY time, id
            """;
        command.Parameters.AddWithValue("$lead", leadId);
        var records = new List<PredictionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            records.Add(new PredictionRecord(ParseTime(reader.GetString(0)), reader.GetString(1), reader.GetString(2), Text(reader, 3), Text(reader, 4),
                reader.GetString(5), Number(reader, 6), Number(reader, 7), Text(reader, 8)));
        }
        return records;
    }

    public async Task<IReadOnlyList<OutcomeRecord>> OutcomesAsync(string leadId, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT lead_id, stage, reached_at, disqualification_reason, recorded_at FROM outcomes WHERE lead_id = $lead ORDER BY reached_at";
        command.Parameters.AddWithValue("$lead", leadId);
        var records = new List<OutcomeRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            records.Add(new OutcomeRecord(reader.GetString(0), reader.GetString(1), ParseTime(reader.GetString(2)), Text(reader, 3), ParseTime(reader.GetString(4))));
        return records;
    }

    public Task<IReadOnlyList<PredictionRecord>> LatestPredictionsAsync(CancellationToken cancellation) => QueryPredictionsAsync(
        "SELECT time, key_name, model_version, lead_id, account_id, outcome, probability, rule_points, rule_stage FROM predictions " +
        "WHERE id IN (SELECT max(id) FROM predictions WHERE lead_id IS NOT NULL GROUP BY lead_id, outcome) ORDER BY id", null, cancellation);

    public Task<IReadOnlyList<PredictionRecord>> RecentAsync(int limit, CancellationToken cancellation) => QueryPredictionsAsync(
        "SELECT time, key_name, model_version, lead_id, account_id, outcome, probability, rule_points, rule_stage FROM predictions " +
        "ORDER BY id DESC LIMIT $limit", limit, cancellation);

    public async Task<IReadOnlyList<OutcomeRecord>> AllOutcomesAsync(CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT lead_id, stage, reached_at, disqualification_reason, recorded_at FROM outcomes";
        var records = new List<OutcomeRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            records.Add(new OutcomeRecord(reader.GetString(0), reader.GetString(1), ParseTime(reader.GetString(2)), Text(reader, 3), ParseTime(reader.GetString(4))));
        return records;
    }

    public async Task<IReadOnlyList<(string Day, string ModelVersion, long Count)>> VolumeAsync(int days, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT substr(time, 1, 10) AS day, model_version, count(*) FROM predictions " +
            "WHERE time >= $since GROUP BY day, model_version ORDER BY day, model_version";
        command.Parameters.AddWithValue("$since", Time(DateTime.UtcNow.AddDays(-days)));
        var rows = new List<(string, string, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return rows;
    }

    private async Task<IReadOnlyList<PredictionRecord>> QueryPredictionsAsync(string sql, int? limit, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (limit is { } n)
            command.Parameters.AddWithValue("$limit", n);
        var records = new List<PredictionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            records.Add(new PredictionRecord(ParseTime(reader.GetString(0)), reader.GetString(1), reader.GetString(2), Text(reader, 3), Text(reader, 4),
                reader.GetString(5), Number(reader, 6), Number(reader, 7), Text(reader, 8)));
        }
        return records;
    }

    public async Task PingAsync(CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await ExecuteAsync(connection, "SELECT 1", cancellation);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellation)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellation);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private static string Time(DateTime time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTime ParseTime(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string? Text(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static double? Number(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
}
