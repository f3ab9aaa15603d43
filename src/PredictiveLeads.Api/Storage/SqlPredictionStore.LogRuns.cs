using System.Data.Common;
using System.Globalization;

namespace PredictiveLeads.Api.Storage;

/// <summary>Each run's log progress (see <see cref="LogRunProgress"/>), one row per run, replaced by each batch it writes.</summary>
public abstract partial class SqlPredictionStore
{
    private const string LogRunsTable = "CREATE TABLE IF NOT EXISTS log_runs (run_id TEXT PRIMARY KEY, started_at TEXT NOT NULL, updated_at TEXT NOT NULL, " +
        "received BIGINT NOT NULL, written BIGINT NOT NULL, dropped BIGINT NOT NULL)";

    private static async Task StoreProgressAsync(DbConnection connection, DbTransaction transaction, Func<LogRunProgress>? progress, CancellationToken cancellation)
    {
        if (progress?.Invoke() is not { } run)
            return;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO log_runs (run_id, started_at, updated_at, received, written, dropped) VALUES (@run, @started, @now, @received, @written, @dropped) " +
            "ON CONFLICT (run_id) DO UPDATE SET updated_at = excluded.updated_at, received = excluded.received, written = excluded.written, dropped = excluded.dropped";
        Add(command, "@run", run.RunId);
        Add(command, "@started", Time(run.StartedAt));
        Add(command, "@now", Time(run.Time));
        Add(command, "@received", run.Received);
        Add(command, "@written", run.Written);
        Add(command, "@dropped", run.Dropped);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public async Task<CrashedRuns> CrashedRunsAsync(DateTime silentSince, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(sum(received - written - dropped), 0) FROM log_runs " +
            "WHERE received > written + dropped AND updated_at < @since";
        Add(command, "@since", Time(silentSince));
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return new CrashedRuns(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
    }
}
