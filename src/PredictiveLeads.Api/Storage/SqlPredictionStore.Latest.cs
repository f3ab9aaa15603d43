using System.Data.Common;
using System.Globalization;
using PredictiveLeads.Scoring.Comparison;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Api.Storage;

/// <summary>
/// Aggregates kept up to date as the log is written (in the same transaction): each lead's newest score per outcome, so
/// live evaluation and the export read one short row per lead and outcome instead of searching the log, and the
/// predictions per day and model version, so monitoring's volume chart does not count the log. A newest score knows
/// whether its lead has a recorded outcome (set by the outcome's transaction too), so live evaluation reads those leads
/// from one partial index instead of looking each one up.
/// </summary>
public abstract partial class SqlPredictionStore
{
    private const string LatestColumns = "time, key_name, model_version, lead_id, account_id, outcome, probability, rule_points, rule_stage, NULL";

    private const string DailyVolumeTable =
        "CREATE TABLE IF NOT EXISTS daily_volume (day TEXT NOT NULL, model_version TEXT NOT NULL, predictions BIGINT NOT NULL, PRIMARY KEY (day, model_version))";

    /// <summary>The table, as each database writes it (SQLite keeps it clustered by its key).</summary>
    protected abstract string LatestScoresTable { get; }

    /// <summary>Covers what live evaluation reads of the leads with outcomes, and nothing of the others (SQLite reads a partial index alone only when it holds the column of its condition).</summary>
    private const string KnownScoresIndex =
        "CREATE INDEX IF NOT EXISTS latest_scores_known ON latest_scores (outcome, has_outcome, lead_id, time, probability, rule_points, rule_stage, account_id) WHERE has_outcome = 1";

    /// <summary>
    /// Marks the newest scores of leads whose outcome is recorded but which are not marked: those of a database written
    /// before the mark was kept, and (on PostgreSQL) a lead's first scoring committed at the moment its first outcome was,
    /// each seeing the other's row uncommitted. Driven from the outcomes.
    /// </summary>
    private static Task MarkLeadsWithOutcomesAsync(DbConnection connection, CancellationToken cancellation) =>
        ExecuteAsync(connection, "UPDATE latest_scores SET has_outcome = 1 WHERE lead_id IN (SELECT lead_id FROM outcomes) AND has_outcome = 0", cancellation);

    private static async Task MarkLeadWithOutcomeAsync(DbConnection connection, DbTransaction transaction, string leadId, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE latest_scores SET has_outcome = 1 WHERE lead_id = @lead AND has_outcome = 0";
        Add(command, "@lead", leadId);
        await command.ExecuteNonQueryAsync(cancellation);
    }

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
    /// The newest scores taken from a batch: its newest row of a lead and outcome (<c>p</c>) and the one before it in the
    /// same batch (<c>prior</c>, when the batch scored the lead twice); followed by the rows' source and <see cref="LatestUpsert"/>.
    /// </summary>
    protected const string LatestInsert =
        "INSERT INTO latest_scores (lead_id, outcome, prediction_id, time, key_name, model_version, account_id, probability, rule_points, rule_stage, has_outcome, " +
        "previous_probability, previous_time, cell, previous_prediction_id, segment, owner) " +
        "SELECT p.lead_id, p.outcome, p.id, p.time, p.key_name, p.model_version, p.account_id, p.probability, p.rule_points, p.rule_stage, " +
        "CASE WHEN EXISTS (SELECT 1 FROM outcomes WHERE outcomes.lead_id = p.lead_id) THEN 1 ELSE 0 END, prior.probability, prior.time, p.cell, prior.id, p.segment, p.owner ";

    /// <summary>
    /// A newest score replaces the lead's only when newer, so instances writing at once leave the newest; the score it
    /// replaces becomes the previous one unless the batch had one before it.
    /// </summary>
    protected const string LatestUpsert =
        "ON CONFLICT (lead_id, outcome) DO UPDATE SET prediction_id = excluded.prediction_id, time = excluded.time, key_name = excluded.key_name, " +
        "model_version = excluded.model_version, account_id = excluded.account_id, probability = excluded.probability, rule_points = excluded.rule_points, " +
        "rule_stage = excluded.rule_stage, cell = excluded.cell, segment = excluded.segment, owner = excluded.owner, has_outcome = CASE WHEN latest_scores.has_outcome = 1 THEN 1 ELSE excluded.has_outcome END, " +
        "previous_probability = CASE WHEN excluded.previous_time IS NULL THEN latest_scores.probability ELSE excluded.previous_probability END, " +
        "previous_time = coalesce(excluded.previous_time, latest_scores.time), " +
        "previous_prediction_id = CASE WHEN excluded.previous_time IS NULL THEN latest_scores.prediction_id ELSE excluded.previous_prediction_id END " +
        "WHERE excluded.prediction_id > latest_scores.prediction_id";

    /// <summary>Adds <paramref name="count"/> predictions of <paramref name="modelVersion"/> to the volume of <paramref name="day"/> (yyyy-MM-dd).</summary>
    protected static async Task AddVolumeAsync(DbConnection connection, DbTransaction transaction, string day, string modelVersion, long count, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO daily_volume (day, model_version, predictions) VALUES (@day, @version, @count) " +
            "ON CONFLICT (day, model_version) DO UPDATE SET predictions = daily_volume.predictions + excluded.predictions";
        Add(command, "@day", day);
        Add(command, "@version", modelVersion);
        Add(command, "@count", count);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>
    /// Reads only the rows logged after <paramref name="after"/> (materialized first: grouped in place, SQLite would walk the
    /// whole lead index to group them, a cost growing with the log on every batch). Counts them into the daily volume, and takes the newest row of each lead and
    /// outcome among them into the latest scores; a row there is replaced only by a newer one, so instances writing at once
    /// leave the newest.
    /// </summary>
    protected static async Task UpdateAggregatesAsync(DbConnection connection, DbTransaction transaction, long after, CancellationToken cancellation)
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
        // Each lead's newest row of the batch replaces its newest score; the score it replaces becomes the previous one,
        // unless the batch scored the lead twice: then the batch's second newest is.
        command.CommandText =
            "WITH recent AS MATERIALIZED (SELECT id, lead_id, outcome, probability, time, " +
            "row_number() OVER (PARTITION BY lead_id, outcome ORDER BY id DESC) AS newness FROM predictions WHERE id > @after AND lead_id IS NOT NULL) " +
            LatestInsert +
            "FROM recent newest JOIN predictions p ON p.id = newest.id " +
            "LEFT JOIN recent prior ON prior.lead_id = newest.lead_id AND prior.outcome = newest.outcome AND prior.newness = 2 " +
            "WHERE newest.newness = 1 " + LatestUpsert;
        Add(command, "@after", after);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Ids per statement of <see cref="NewestScoresAsync"/>: well below both databases' parameter limits.</summary>
    private const int IdsPerNewestQuery = 500;

    protected static string NewestScoresQuery(int ids) =>
        "SELECT l.lead_id, l.outcome, l.probability, l.time, l.model_version, p.reasons, p.grade, p.rule_stage FROM latest_scores l JOIN predictions p ON p.id = l.prediction_id " +
        $"WHERE l.lead_id IN ({string.Join(", ", Enumerable.Range(0, ids).Select(i => $"@lead{i}"))})";

    public virtual async Task<IReadOnlyList<NewestScore>> NewestScoresAsync(IReadOnlyList<string> leadIds, CancellationToken cancellation)
    {
        var scores = new List<NewestScore>();
        if (leadIds.Count == 0)
            return scores;
        await using var connection = await OpenAsync(cancellation);
        foreach (var chunk in leadIds.Distinct(StringComparer.Ordinal).Chunk(IdsPerNewestQuery))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = NewestScoresQuery(chunk.Length);
            for (var i = 0; i < chunk.Length; i++)
                Add(command, $"@lead{i}", chunk[i]);
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
                scores.Add(new NewestScore(reader.GetString(0), reader.GetString(1), Number(reader, 2), ParseTime(reader.GetString(3)), reader.GetString(4), Text(reader, 5))
                    { Grade = Text(reader, 6), RuleStage = Text(reader, 7) });
        }
        return scores;
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

    /// <summary>The newest scores of an outcome (<c>@outcome</c>) of the leads with outcomes, as <see cref="KnownScore"/> reads them.</summary>
    protected const string KnownScoresQuery = "SELECT lead_id, account_id, time, probability, rule_points, rule_stage FROM latest_scores " +
        "WHERE outcome = @outcome AND has_outcome = 1 AND probability IS NOT NULL";

    protected static LoggedScore KnownScore(string leadId, string? accountId, string time, double probability, double? rulePoints, string? ruleStage) =>
        new(leadId, accountId, ParseTime(time), probability, rulePoints, FunnelStages.Parse(ruleStage));

    public virtual async Task<IReadOnlyList<LoggedScore>> LatestOfLeadsWithOutcomesAsync(string outcome, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = KnownScoresQuery;
        Add(command, "@outcome", outcome);
        var scores = new List<LoggedScore>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            scores.Add(KnownScore(reader.GetString(0), Text(reader, 1), reader.GetString(2), reader.GetDouble(3), Number(reader, 4), Text(reader, 5)));
        return scores;
    }

    // Keyset paging along the table's key: the page's leads are the next ones after the last lead of the page before.
    public Task<IReadOnlyList<PredictionRecord>> LatestPageAsync(string? afterLeadId, int leads, CancellationToken cancellation) =>
        QueryPredictionsAsync($"SELECT {LatestColumns} FROM latest_scores WHERE lead_id IN " +
            "(SELECT DISTINCT lead_id FROM latest_scores WHERE lead_id > @after ORDER BY lead_id LIMIT @leads) ORDER BY lead_id, outcome",
            [("@after", afterLeadId ?? ""), ("@leads", leads)], cancellation);
}
