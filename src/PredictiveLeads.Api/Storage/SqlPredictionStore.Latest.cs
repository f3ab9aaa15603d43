using System.Data.Common;
using System.Globalization;

namespace PredictiveLeads.Api.Storage;

/// <summary>
/// Aggregates kept up to date as the log is written (in the same transaction): each lead's newest score per outcome, so
/// live evaluation and the export read one short row per lead and outcome instead of searching the log, and the
/// predictions per day and model version, so monitoring's volume chart does not count the log.
/// </summary>
public abstract partial class SqlPredictionStore
{
    private const string LatestColumns = "time, key_name, model_version, lead_id, account_id, outcome, probability, rule_points, rule_stage, NULL";

    private const string DailyVolumeTable =
        "CREATE TABLE IF NOT EXISTS daily_volume (day TEXT NOT NULL, model_version TEXT NOT NULL, predictions BIGINT NOT NULL, PRIMARY KEY (day, model_version))";

    /// <summary>The table, as each database writes it (SQLite keeps it clustered by its key).</summary>
    protected abstract string LatestScoresTable { get; }

    /// <summary>Fills the aggregates from the log once, for a database written before they were kept.</summary>
    private static async Task BackfillLatestAsync(DbConnection connection, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        // The volume is counted once per row, so it decides: empty beside a log that is not, the aggregates were never kept.
        command.CommandText = "SELECT (SELECT count(*) FROM (SELECT 1 FROM daily_volume LIMIT 1) v), (SELECT count(*) FROM (SELECT 1 FROM predictions LIMIT 1) p)";
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            await reader.ReadAsync(cancellation);
            if (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture) > 0 || Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture) == 0)
                return;
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await UpdateAggregatesAsync(connection, transaction, 0, cancellation);
        await transaction.CommitAsync(cancellation);
    }

    /// <summary>The newest log id, before a batch is written: the batch's rows are the ones after it.</summary>
    private static async Task<long> NewestIdAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT coalesce(max(id), 0) FROM predictions";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads only the rows logged after <paramref name="after"/> (materialized first: grouped in place, SQLite would walk the
    /// whole lead index to group them, a cost growing with the log on every batch). Counts them into the daily volume, and takes the newest row of each lead and
    /// outcome among them into the latest scores; a row there is replaced only by a newer one, so instances writing at once
    /// leave the newest.
    /// </summary>
    private static async Task UpdateAggregatesAsync(DbConnection connection, DbTransaction transaction, long after, CancellationToken cancellation)
    {
        await using (var volume = connection.CreateCommand())
        {
            volume.Transaction = transaction;
            volume.CommandText = "INSERT INTO daily_volume (day, model_version, predictions) SELECT substr(time, 1, 10), model_version, count(*) FROM predictions " +
                "WHERE id > @after GROUP BY substr(time, 1, 10), model_version ON CONFLICT (day, model_version) DO UPDATE SET predictions = daily_volume.predictions + excluded.predictions";
            Add(volume, "@after", after);
            await volume.ExecuteNonQueryAsync(cancellation);
        }
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO latest_scores (lead_id, outcome, prediction_id, time, key_name, model_version, account_id, probability, rule_points, rule_stage) " +
            "SELECT lead_id, outcome, id, time, key_name, model_version, account_id, probability, rule_points, rule_stage FROM predictions " +
            "WHERE id IN (WITH recent AS MATERIALIZED (SELECT id, lead_id, outcome FROM predictions WHERE id > @after) " +
            "SELECT max(id) FROM recent WHERE lead_id IS NOT NULL GROUP BY lead_id, outcome) " +
            "ON CONFLICT (lead_id, outcome) DO UPDATE SET prediction_id = excluded.prediction_id, time = excluded.time, key_name = excluded.key_name, " +
            "model_version = excluded.model_version, account_id = excluded.account_id, probability = excluded.probability, rule_points = excluded.rule_points, " +
            "rule_stage = excluded.rule_stage WHERE excluded.prediction_id > latest_scores.prediction_id";
        Add(command, "@after", after);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public async Task<IReadOnlyList<(string Day, string ModelVersion, long Count)>> VolumeAsync(DateTime since, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT day, model_version, predictions FROM daily_volume WHERE day >= @since ORDER BY day, model_version";
        Add(command, "@since", Time(since)[..10]);
        var rows = new List<(string, string, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            rows.Add((reader.GetString(0), reader.GetString(1), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)));
        return rows;
    }

    // Driven from the outcomes (CROSS JOIN keeps SQLite's planner from scanning the other side first).
    public Task<IReadOnlyList<PredictionRecord>> LatestOfLeadsWithOutcomesAsync(string outcome, CancellationToken cancellation) =>
        QueryPredictionsAsync($"SELECT {LatestColumns} FROM (SELECT DISTINCT lead_id AS id FROM outcomes) o CROSS JOIN latest_scores " +
            "WHERE latest_scores.lead_id = o.id AND latest_scores.outcome = @outcome", ("@outcome", outcome), cancellation);

    // Keyset paging along the table's key: the page's leads are the next ones after the last lead of the page before.
    public Task<IReadOnlyList<PredictionRecord>> LatestPageAsync(string? afterLeadId, int leads, CancellationToken cancellation) =>
        QueryPredictionsAsync($"SELECT {LatestColumns} FROM latest_scores WHERE lead_id IN " +
            "(SELECT DISTINCT lead_id FROM latest_scores WHERE lead_id > @after ORDER BY lead_id LIMIT @leads) ORDER BY lead_id, outcome",
            [("@after", afterLeadId ?? ""), ("@leads", leads)], cancellation);
}
