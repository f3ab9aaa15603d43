using System.Data.Common;
using System.Globalization;
using System.Text;

namespace PredictiveLeads.Api.Storage;

/// <summary>
/// The prediction store over any ADO.NET database: the statements are plain SQL that SQLite and PostgreSQL both
/// accept (named @parameters, ISO-8601 text times that sort, ON CONFLICT DO NOTHING); only the schema and the
/// connection differ, in <see cref="SqlitePredictionStore"/> and <see cref="PostgresPredictionStore"/>.
/// </summary>
public abstract partial class SqlPredictionStore : IPredictionStore
{
    private const string PredictionColumns = "time, key_name, model_version, lead_id, account_id, outcome, probability, rule_points, rule_stage, reasons";

    /// <summary>What a logged row is written with: the read columns, and the fit × engagement cell, segment, owner and grade, which only the newest scores need.</summary>
    private const string InsertedColumns = PredictionColumns + ", cell, segment, owner, grade, challenger_version, challenger_probability";

    /// <summary>The columns of whole-log reads: without the reasons, which make up most of a row and which only one lead's history needs.</summary>
    private const string ScoreColumns = "time, key_name, model_version, lead_id, account_id, outcome, probability, rule_points, rule_stage, NULL";
    private const int RowsPerInsert = 200;
    private const string HealthProbeTable = "CREATE TABLE IF NOT EXISTS health_probe (id INTEGER PRIMARY KEY, checked_at TEXT NOT NULL)";

    public virtual bool SharedWithOtherInstances => true;

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellation);

    /// <summary>
    /// A connection for writes acknowledged as durable (outcomes): each commit is on disk before it returns, whatever
    /// an earlier user of a pooled connection set.
    /// </summary>
    protected virtual Task<DbConnection> OpenDurableAsync(CancellationToken cancellation) => OpenAsync(cancellation);

    /// <summary>The statement that reads how durably a connection commits (SQLite's synchronous level, PostgreSQL's synchronous_commit).</summary>
    protected abstract string DurabilityQuery { get; }

    /// <summary>How durably the connections that store outcomes commit, as the database reports it.</summary>
    internal async Task<string> OutcomeDurabilityAsync(CancellationToken cancellation)
    {
        await using var connection = await OpenDurableAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = DurabilityQuery;
        return Convert.ToString(await command.ExecuteScalarAsync(cancellation), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>Statements that create the tables if they do not exist.</summary>
    protected abstract IEnumerable<string> SchemaStatements { get; }

    public virtual async Task InitializeAsync(CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        foreach (var statement in SchemaStatements.Append(LatestScoresTable).Append(DailyVolumeTable).Append(SessionsTable).Append(KeyRingTable).Append(HealthProbeTable).Append(LogRunsTable)
            .Append(WebhookEventsTable).Append(WebhookDeliveriesTable).Append(WebhookDueIndex).Append(FieldCountsTable))
            await ExecuteAsync(connection, statement, cancellation);
        await AddMissingColumnsAsync(connection, cancellation);
        await ExecuteAsync(connection, KnownScoresIndex, cancellation);
        await ExecuteAsync(connection, WorklistIndex, cancellation);
        await BackfillLatestAsync(connection, cancellation);
        await MarkLeadsWithOutcomesAsync(connection, cancellation);
    }

    /// <summary>Adds the columns that tables created by earlier versions lack.</summary>
    protected abstract Task AddMissingColumnsAsync(DbConnection connection, CancellationToken cancellation);

    /// <summary>Called on the connection that writes a batch of predictions, before it starts (e.g. to relax durability for logs).</summary>
    protected virtual Task PrepareLogConnectionAsync(DbConnection connection, CancellationToken cancellation) => Task.CompletedTask;

    public async Task InsertPredictionsAsync(IReadOnlyList<PredictionRecord> predictions, Func<LogRunProgress>? progress, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await PrepareLogConnectionAsync(connection, cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await WriteBatchAsync(connection, transaction, predictions, cancellation);
        await StoreProgressAsync(connection, transaction, progress, cancellation);
        await transaction.CommitAsync(cancellation);
    }

    /// <summary>Writes a batch's rows and brings the aggregates up to date with them, inside the open transaction.</summary>
    protected virtual async Task WriteBatchAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellation)
    {
        var before = await NewestIdAsync(connection, transaction, cancellation);
        await InsertRowsAsync(connection, transaction, predictions, cancellation);
        await UpdateAggregatesAsync(connection, transaction, before, cancellation);
    }

    /// <summary>
    /// Writes the rows inside the open transaction. By default many rows per statement, which suits a database
    /// across a network; an embedded one may do better reusing one prepared single-row statement.
    /// </summary>
    protected virtual async Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PredictionRecord> predictions,
        CancellationToken cancellation)
    {
        for (var start = 0; start < predictions.Count; start += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, predictions.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var rows = new StringBuilder($"INSERT INTO predictions ({InsertedColumns}) VALUES ");
            for (var i = 0; i < count; i++)
            {
                var values = Values(predictions[start + i]);
                rows.Append(i == 0 ? "(" : ", (");
                for (var v = 0; v < values.Length; v++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{i}_{v}");
                    rows.Append(v == 0 ? name : ", " + name);
                    Add(command, name, values[v]);
                }
                rows.Append(')');
            }
            command.CommandText = rows.ToString();
            await command.ExecuteNonQueryAsync(cancellation);
        }
    }

    private static object?[] Values(PredictionRecord p) =>
        [Time(p.Time), p.KeyName, p.ModelVersion, p.LeadId, p.AccountId, p.Outcome, p.Probability, p.RulePoints, p.RuleStage, p.Reasons, p.Cell, p.Segment, p.Owner, p.Grade, p.ChallengerVersion, p.ChallengerProbability];

    public async Task InsertAccountsAsync(IReadOnlyList<AccountRecord> accounts, Func<LogRunProgress>? progress, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await PrepareLogConnectionAsync(connection, cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        foreach (var account in accounts)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO account_scores (time, key_name, model_version, account_id, summary) VALUES (@time, @key, @version, @account, @summary)";
            Add(command, "@time", Time(account.Time));
            Add(command, "@key", account.KeyName);
            Add(command, "@version", account.ModelVersion);
            Add(command, "@account", account.AccountId);
            Add(command, "@summary", account.Summary);
            await command.ExecuteNonQueryAsync(cancellation);
        }
        await StoreProgressAsync(connection, transaction, progress, cancellation);
        await transaction.CommitAsync(cancellation);
    }

    public async Task<AccountRecord?> LatestAccountAsync(string accountId, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT time, key_name, model_version, account_id, summary FROM account_scores WHERE account_id = @account ORDER BY id DESC LIMIT 1";
        Add(command, "@account", accountId);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation)
            ? new AccountRecord(ParseTime(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4))
            : null;
    }

    public Task<IReadOnlyList<PredictionRecord>> AccountContactsAsync(string accountId, CancellationToken cancellation) =>
        QueryPredictionsAsync($"SELECT {ScoreColumns} FROM predictions WHERE id IN " +
            "(SELECT max(id) FROM predictions WHERE account_id = @account AND lead_id IS NOT NULL GROUP BY lead_id, outcome) ORDER BY id", ("@account", accountId), cancellation);

    public async Task<bool> InsertOutcomeAsync(OutcomeRecord outcome, CancellationToken cancellation)
    {
        await using var connection = await OpenDurableAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO outcomes (lead_id, stage, reached_at, disqualification_reason, recorded_at) " +
            "VALUES (@lead, @stage, @reached, @reason, @recorded) ON CONFLICT (lead_id, stage) DO NOTHING";
        Add(command, "@lead", outcome.LeadId);
        Add(command, "@stage", outcome.Stage);
        Add(command, "@reached", Time(outcome.ReachedAt));
        Add(command, "@reason", outcome.DisqualificationReason);
        Add(command, "@recorded", Time(outcome.RecordedAt));
        var inserted = await command.ExecuteNonQueryAsync(cancellation) == 1;
        if (inserted)
            await MarkLeadWithOutcomeAsync(connection, transaction, outcome.LeadId, cancellation);
        await transaction.CommitAsync(cancellation);
        return inserted;
    }

    public Task<IReadOnlyList<PredictionRecord>> HistoryAsync(string leadId, CancellationToken cancellation) =>
        QueryPredictionsAsync($"SELECT {PredictionColumns} FROM predictions WHERE lead_id = @lead ORDER BY time, id", ("@lead", leadId), cancellation);

    public async Task<IReadOnlyList<string>> LoggedOutcomesAsync(CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT outcome FROM predictions ORDER BY outcome";
        var outcomes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            outcomes.Add(reader.GetString(0));
        return outcomes;
    }

    public Task<IReadOnlyList<OutcomeRecord>> OutcomesBetweenAsync(string fromLeadId, string toLeadId, CancellationToken cancellation) =>
        QueryOutcomesAsync("SELECT lead_id, stage, reached_at, disqualification_reason, recorded_at FROM outcomes WHERE lead_id >= @from AND lead_id <= @to",
            [("@from", fromLeadId), ("@to", toLeadId)], cancellation);

    public async Task<long[]> RecentScoreBinsAsync(string modelVersion, string outcome, IReadOnlyList<double> edges, int limit, CancellationToken cancellation)
    {
        var bins = new long[edges.Count + 1];
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        var cases = string.Concat(edges.Select((_, i) => $" WHEN probability <= @edge{i} THEN {i}"));
        command.CommandText = $"SELECT CASE{cases} ELSE {edges.Count} END AS bin, count(*) FROM (SELECT probability FROM predictions " +
            "WHERE model_version = @version AND outcome = @outcome AND probability IS NOT NULL ORDER BY id DESC LIMIT @limit) recent GROUP BY 1";
        for (var i = 0; i < edges.Count; i++)
            Add(command, $"@edge{i}", edges[i]);
        Add(command, "@version", modelVersion);
        Add(command, "@outcome", outcome);
        Add(command, "@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            bins[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        return bins;
    }

    public Task<IReadOnlyList<OutcomeRecord>> OutcomesAsync(string leadId, CancellationToken cancellation) =>
        QueryOutcomesAsync("SELECT lead_id, stage, reached_at, disqualification_reason, recorded_at FROM outcomes WHERE lead_id = @lead ORDER BY reached_at",
            ("@lead", leadId), cancellation);

    protected const string RecordedStagesQuery = "SELECT lead_id, stage FROM outcomes";

    public virtual async Task<IReadOnlyList<(string LeadId, string Stage)>> RecordedStagesAsync(CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = RecordedStagesQuery;
        var stages = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            stages.Add((reader.GetString(0), reader.GetString(1)));
        return stages;
    }

    /// <summary>Writes one row, so a database that answers but takes no writes (read-only, full) is found too.</summary>
    public async Task PingAsync(CancellationToken cancellation)
    {
        await using var connection = await OpenDurableAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO health_probe (id, checked_at) VALUES (1, @now) ON CONFLICT (id) DO UPDATE SET checked_at = @now";
        Add(command, "@now", Time(DateTime.UtcNow));
        await command.ExecuteNonQueryAsync(cancellation);
    }

    protected static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private Task<IReadOnlyList<PredictionRecord>> QueryPredictionsAsync(string sql, (string Name, object Value)? parameter, CancellationToken cancellation) =>
        QueryPredictionsAsync(sql, parameter is { } p ? [p] : [], cancellation);

    private async Task<IReadOnlyList<PredictionRecord>> QueryPredictionsAsync(string sql, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            Add(command, name, value);
        var records = new List<PredictionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            records.Add(new PredictionRecord(ParseTime(reader.GetString(0)), reader.GetString(1), reader.GetString(2), Text(reader, 3), Text(reader, 4),
                reader.GetString(5), Number(reader, 6), Number(reader, 7), Text(reader, 8), Text(reader, 9)));
        }
        return records;
    }

    private Task<IReadOnlyList<OutcomeRecord>> QueryOutcomesAsync(string sql, (string Name, object Value)? parameter, CancellationToken cancellation) =>
        QueryOutcomesAsync(sql, parameter is { } p ? [p] : [], cancellation);

    private async Task<IReadOnlyList<OutcomeRecord>> QueryOutcomesAsync(string sql, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            Add(command, name, value);
        var records = new List<OutcomeRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            records.Add(new OutcomeRecord(reader.GetString(0), reader.GetString(1), ParseTime(reader.GetString(2)), Text(reader, 3), ParseTime(reader.GetString(4))));
        return records;
    }

    private static DbParameter Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    internal const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    internal static string Time(DateTime time) => time.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads <see cref="Time"/>'s own format digit by digit (live evaluation parses tens of thousands per request, and
    /// the general parser costs a microsecond each); any other ISO-8601 time through the general parser.
    /// </summary>
    internal static DateTime ParseTime(string text)
    {
        var s = text.AsSpan();
        if (s.Length == TimeFormat.Length - 4 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == '.' && s[27] == 'Z'
            && Digits(s[..4], out var year) && Digits(s[5..7], out var month) && Digits(s[8..10], out var day) && Digits(s[11..13], out var hour)
            && Digits(s[14..16], out var minute) && Digits(s[17..19], out var second) && Digits(s[20..27], out var ticks)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && hour < 24 && minute < 60 && second < 60)
            return new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
        return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
                return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    private static string? Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static double? Number(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
}
