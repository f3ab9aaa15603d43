using System.Data.Common;
using PredictiveLeads.Scoring.Monitoring;

namespace PredictiveLeads.Api.Storage;

/// <summary>The challenger's log, beside the predictions and in the same database, with the same plain SQL for SQLite and PostgreSQL.</summary>
public abstract partial class SqlPredictionStore
{
    private static readonly string[] ShadowParameters = ["@time", "@key", "@version", "@champion", "@lead", "@outcome", "@probability", "@championProbability"];

    private const string ShadowIndex = "CREATE INDEX IF NOT EXISTS shadow_by_version ON shadow_predictions (model_version, champion_version, outcome, lead_id)";

    /// <summary>The table, as each database writes it (its own kind of growing id).</summary>
    protected abstract string ShadowTable { get; }

    public async Task InsertShadowAsync(IReadOnlyList<ShadowRecord> records, Func<LogRunProgress>? progress, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await PrepareLogConnectionAsync(connection, cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO shadow_predictions (time, key_name, model_version, champion_version, lead_id, outcome, probability, champion_probability) " +
                "VALUES (@time, @key, @version, @champion, @lead, @outcome, @probability, @championProbability)";
            var parameters = ShadowParameters.Select(name => Add(command, name, null)).ToArray();
            foreach (var r in records)
            {
                object?[] values = [Time(r.Time), r.KeyName, r.ModelVersion, r.ChampionVersion, r.LeadId, r.Outcome, r.Probability, r.ChampionProbability];
                for (var i = 0; i < values.Length; i++)
                    parameters[i].Value = values[i] ?? DBNull.Value;
                await command.ExecuteNonQueryAsync(cancellation);
            }
        }
        await StoreProgressAsync(connection, transaction, progress, cancellation);
        await transaction.CommitAsync(cancellation);
    }

    public async Task<IReadOnlyList<ShadowScore>> ShadowScoresAsync(string challengerVersion, string championVersion, string outcome, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        // Each lead's newest scoring by both, among the leads with a recorded outcome: found by the database, never the whole log.
        command.CommandText = "SELECT s.lead_id, s.champion_probability, s.probability FROM shadow_predictions s JOIN (SELECT max(id) AS id FROM shadow_predictions " +
            "WHERE model_version = @version AND champion_version = @champion AND outcome = @outcome AND lead_id IN (SELECT lead_id FROM outcomes) GROUP BY lead_id) newest " +
            "ON newest.id = s.id WHERE s.probability IS NOT NULL AND s.champion_probability IS NOT NULL";
        Add(command, "@version", challengerVersion);
        Add(command, "@champion", championVersion);
        Add(command, "@outcome", outcome);
        var scores = new List<ShadowScore>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            scores.Add(new ShadowScore(reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2)));
        return scores;
    }

    private static Task CreateShadowIndexAsync(DbConnection connection, CancellationToken cancellation) => ExecuteAsync(connection, ShadowIndex, cancellation);
}
