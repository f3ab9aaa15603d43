using PredictiveLeads.Scoring.Monitoring;

namespace PredictiveLeads.Api.Storage;

/// <summary>What comparing the challenger reads: its probabilities, logged on the champion's rows of the same requests.</summary>
public abstract partial class SqlPredictionStore
{
    public async Task<IReadOnlyList<ShadowScore>> ShadowScoresAsync(string challengerVersion, string championVersion, string outcome, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        // Each lead's newest scoring by both, among the leads with a recorded outcome, looked up lead by lead through the
        // log's lead index: the database reads those leads' rows only, never the whole log, and no index of its own
        // costs every logged row.
        command.CommandText = "SELECT p.lead_id, p.probability, p.challenger_probability FROM predictions p JOIN (SELECT max(id) AS id FROM predictions " +
            "WHERE lead_id IN (SELECT DISTINCT lead_id FROM outcomes) AND challenger_version = @version AND model_version = @champion AND outcome = @outcome " +
            "GROUP BY lead_id) newest ON newest.id = p.id WHERE p.probability IS NOT NULL AND p.challenger_probability IS NOT NULL";
        Add(command, "@version", challengerVersion);
        Add(command, "@champion", championVersion);
        Add(command, "@outcome", outcome);
        var scores = new List<ShadowScore>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            scores.Add(new ShadowScore(reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2)));
        return scores;
    }
}
