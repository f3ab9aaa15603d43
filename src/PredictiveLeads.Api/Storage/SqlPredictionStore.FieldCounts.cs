using System.Globalization;

namespace PredictiveLeads.Api.Storage;

/// <summary>The field bin counts, in the same database as the log, with the same plain SQL for SQLite and PostgreSQL.</summary>
public abstract partial class SqlPredictionStore : IFieldCountStore
{
    private const string FieldCountsTable = "CREATE TABLE IF NOT EXISTS field_counts (model_version TEXT NOT NULL, field TEXT NOT NULL, bin INTEGER NOT NULL, " +
        "leads BIGINT NOT NULL, PRIMARY KEY (model_version, field, bin))";

    public async Task AddFieldCountsAsync(string modelVersion, IReadOnlyList<FieldCount> counts, CancellationToken cancellation)
    {
        if (counts.Count == 0)
            return;
        await using var connection = await OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        foreach (var (field, bin, leads) in counts)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO field_counts (model_version, field, bin, leads) VALUES (@version, @field, @bin, @leads) " +
                "ON CONFLICT (model_version, field, bin) DO UPDATE SET leads = field_counts.leads + excluded.leads";
            Add(command, "@version", modelVersion);
            Add(command, "@field", field);
            Add(command, "@bin", bin);
            Add(command, "@leads", leads);
            await command.ExecuteNonQueryAsync(cancellation);
        }
        await transaction.CommitAsync(cancellation);
    }

    public async Task<IReadOnlyList<FieldCount>> FieldCountsAsync(string modelVersion, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT field, bin, leads FROM field_counts WHERE model_version = @version";
        Add(command, "@version", modelVersion);
        var counts = new List<FieldCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            counts.Add(new FieldCount(reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)));
        return counts;
    }
}
