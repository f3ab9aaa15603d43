using System.Data.Common;
using System.Globalization;

namespace PredictiveLeads.Api.Storage;

/// <summary>
/// Each lead's newest score per outcome, kept up to date as the log is written (in the same transaction), so live
/// evaluation and the export read one short row per lead and outcome instead of searching the log.
/// </summary>
public abstract partial class SqlPredictionStore
{
    private const string LatestColumns = "time, key_name, model_version, lead_id, account_id, outcome, probability, rule_points, rule_stage, NULL";

    /// <summary>The table, as each database writes it (SQLite keeps it clustered by its key).</summary>
    protected abstract string LatestScoresTable { get; }

    /// <summary>Fills the table from the log once, for a database written before it existed.</summary>
    private static async Task BackfillLatestAsync(DbConnection connection, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM (SELECT 1 FROM latest_scores LIMIT 1) l), (SELECT count(*) FROM (SELECT 1 FROM predictions LIMIT 1) p)";
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            await reader.ReadAsync(cancellation);
            if (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture) > 0 || Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture) == 0)
                return;
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await UpdateLatestAsync(connection, transaction, 0, cancellation);
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
    /// Takes the newest row of each lead and outcome logged after <paramref name="after"/> into the table; a row is replaced
    /// only by a newer one, so instances writing at once leave the newest.
    /// </summary>
    private static async Task UpdateLatestAsync(DbConnection connection, DbTransaction transaction, long after, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO latest_scores (lead_id, outcome, prediction_id, time, key_name, model_version, account_id, probability, rule_points, rule_stage) " +
            "SELECT lead_id, outcome, id, time, key_name, model_version, account_id, probability, rule_points, rule_stage FROM predictions " +
            "WHERE id IN (SELECT max(id) FROM predictions WHERE id > @after AND lead_id IS NOT NULL GROUP BY lead_id, outcome) " +
            "ON CONFLICT (lead_id, outcome) DO UPDATE SET prediction_id = excluded.prediction_id, time = excluded.time, key_name = excluded.key_name, " +
            "model_version = excluded.model_version, account_id = excluded.account_id, probability = excluded.probability, rule_points = excluded.rule_points, " +
            "rule_stage = excluded.rule_stage WHERE excluded.prediction_id > latest_scores.prediction_id";
        Add(command, "@after", after);
        await command.ExecuteNonQueryAsync(cancellation);
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
