using System.Data.Common;
using System.Globalization;
using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Api.Storage;

/// <summary>The webhook outbox tables, in the same database as the log, with the same plain SQL for SQLite and PostgreSQL.</summary>
public abstract partial class SqlPredictionStore : IWebhookStore
{
    private const string WebhookEventsTable = "CREATE TABLE IF NOT EXISTS webhook_events (id TEXT PRIMARY KEY, type TEXT NOT NULL, time TEXT NOT NULL, " +
        "lead_id TEXT NULL, body TEXT NOT NULL)";

    private const string WebhookDeliveriesTable = "CREATE TABLE IF NOT EXISTS webhook_deliveries (id TEXT PRIMARY KEY, event_id TEXT NOT NULL, endpoint TEXT NOT NULL, " +
        "state TEXT NOT NULL, attempts INTEGER NOT NULL, created_at TEXT NOT NULL, next_attempt_at TEXT NOT NULL, lease TEXT NULL, lease_until TEXT NULL, " +
        "last_status INTEGER NULL, last_error TEXT NULL, delivered_at TEXT NULL, UNIQUE (event_id, endpoint))";

    private const string WebhookDueIndex = "CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at)";

    private const string DeliveryColumns = "d.id, d.event_id, e.type, e.lead_id, d.endpoint, d.state, d.attempts, d.created_at, d.next_attempt_at, d.last_status, " +
        "d.last_error, d.delivered_at";

    public async Task EnqueueAsync(IReadOnlyList<WebhookEvent> events, IReadOnlyList<(string EventId, string Endpoint)> deliveries, DateTime now, CancellationToken cancellation)
    {
        if (events.Count == 0)
            return;
        await using var connection = await OpenDurableAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        var fresh = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO webhook_events (id, type, time, lead_id, body) VALUES (@id, @type, @time, @lead, @body) ON CONFLICT (id) DO NOTHING";
            Add(command, "@id", e.Id);
            Add(command, "@type", e.Type);
            Add(command, "@time", Time(e.Time));
            Add(command, "@lead", e.LeadId);
            Add(command, "@body", e.Body);
            if (await command.ExecuteNonQueryAsync(cancellation) == 1)
                fresh.Add(e.Id);
        }
        foreach (var (eventId, endpoint) in deliveries.Where(d => fresh.Contains(d.EventId)))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO webhook_deliveries (id, event_id, endpoint, state, attempts, created_at, next_attempt_at) " +
                "VALUES (@id, @event, @endpoint, @state, 0, @now, @now) ON CONFLICT (event_id, endpoint) DO NOTHING";
            Add(command, "@id", Guid.CreateVersion7().ToString());
            Add(command, "@event", eventId);
            Add(command, "@endpoint", endpoint);
            Add(command, "@state", DeliveryStates.Pending);
            Add(command, "@now", Time(now));
            await command.ExecuteNonQueryAsync(cancellation);
        }
        await transaction.CommitAsync(cancellation);
    }

    public async Task<IReadOnlyList<DueDelivery>> ClaimDueAsync(DateTime now, DateTime leaseUntil, int max, CancellationToken cancellation)
    {
        var lease = Guid.NewGuid().ToString("N");
        await using var connection = await OpenDurableAsync(cancellation);
        await using (var claim = connection.CreateCommand())
        {
            // The conditions again outside the subquery: on PostgreSQL another instance may lease a row between the two,
            // and the update re-checks them on the row it waited for.
            claim.CommandText = "UPDATE webhook_deliveries SET lease = @lease, lease_until = @until WHERE id IN (SELECT id FROM webhook_deliveries " +
                "WHERE state = @pending AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now) ORDER BY next_attempt_at, id LIMIT @max) " +
                "AND state = @pending AND (lease_until IS NULL OR lease_until < @now)";
            Add(claim, "@lease", lease);
            Add(claim, "@until", Time(leaseUntil));
            Add(claim, "@pending", DeliveryStates.Pending);
            Add(claim, "@now", Time(now));
            Add(claim, "@max", max);
            if (await claim.ExecuteNonQueryAsync(cancellation) == 0)
                return [];
        }
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT d.id, d.event_id, e.type, d.endpoint, d.attempts, e.body FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id " +
            "WHERE d.lease = @lease ORDER BY d.next_attempt_at, d.id";
        Add(command, "@lease", lease);
        var due = new List<DueDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            due.Add(new DueDelivery(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Int(reader, 4), reader.GetString(5)));
        return due;
    }

    public async Task MarkDeliveredAsync(string deliveryId, int status, DateTime at, CancellationToken cancellation)
    {
        await using var connection = await OpenDurableAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE webhook_deliveries SET state = @state, attempts = attempts + 1, last_status = @status, last_error = NULL, delivered_at = @at, " +
            "lease = NULL, lease_until = NULL WHERE id = @id";
        Add(command, "@state", DeliveryStates.Delivered);
        Add(command, "@status", status);
        Add(command, "@at", Time(at));
        Add(command, "@id", deliveryId);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public async Task MarkFailedAsync(string deliveryId, int? status, string problem, DateTime? nextAttemptAt, CancellationToken cancellation)
    {
        await using var connection = await OpenDurableAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE webhook_deliveries SET state = @state, attempts = attempts + 1, last_status = @status, last_error = @error, " +
            "next_attempt_at = coalesce(@next, next_attempt_at), lease = NULL, lease_until = NULL WHERE id = @id";
        Add(command, "@state", nextAttemptAt is null ? DeliveryStates.Dead : DeliveryStates.Pending);
        Add(command, "@status", status);
        Add(command, "@error", problem.Length > 1000 ? problem[..1000] : problem);
        Add(command, "@next", nextAttemptAt is { } next ? Time(next) : null);
        Add(command, "@id", deliveryId);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(string? state, int limit, DeliveryPosition? before, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        var inState = state switch
        {
            null => "TRUE",
            DeliveryStates.Retrying => "d.state = @state AND d.attempts > 0",
            DeliveryStates.Pending => "d.state = @state AND d.attempts = 0",
            _ => "d.state = @state",
        };
        var after = before is null ? "TRUE" : "(d.created_at < @before_at OR (d.created_at = @before_at AND d.id < @before_id))";
        command.CommandText = $"SELECT {DeliveryColumns} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE {inState} AND {after} " +
            "ORDER BY d.created_at DESC, d.id DESC LIMIT @limit";
        Add(command, "@state", state == DeliveryStates.Retrying ? DeliveryStates.Pending : state);
        Add(command, "@before_at", before is null ? null : Time(before.CreatedAt));
        Add(command, "@before_id", before?.Id);
        Add(command, "@limit", limit);
        var deliveries = new List<WebhookDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var stored = reader.GetString(5);
            var attempts = Int(reader, 6);
            deliveries.Add(new WebhookDelivery(reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(reader, 3), reader.GetString(4),
                stored == DeliveryStates.Pending && attempts > 0 ? DeliveryStates.Retrying : stored, attempts, ParseTime(reader.GetString(7)),
                ParseTime(reader.GetString(8)), reader.IsDBNull(9) ? null : Int(reader, 9), Text(reader, 10), Text(reader, 11) is { } at ? ParseTime(at) : null));
        }
        return deliveries;
    }

    public async Task<IReadOnlyDictionary<string, long>> DeliveryCountsAsync(CancellationToken cancellation)
    {
        var counts = DeliveryStates.Listed.ToDictionary(s => s, _ => 0L, StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, CASE WHEN attempts > 0 THEN 1 ELSE 0 END, count(*) FROM webhook_deliveries GROUP BY 1, 2";
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var state = reader.GetString(0) == DeliveryStates.Pending && Int(reader, 1) == 1 ? DeliveryStates.Retrying : reader.GetString(0);
            counts[state] = counts.GetValueOrDefault(state) + Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
        }
        return counts;
    }

    public async Task<long> PruneAsync(DateTime before, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        long deleted;
        await using (var deliveries = connection.CreateCommand())
        {
            deliveries.Transaction = transaction;
            deliveries.CommandText = "DELETE FROM webhook_deliveries WHERE state IN (@delivered, @dead) AND created_at < @before";
            Add(deliveries, "@delivered", DeliveryStates.Delivered);
            Add(deliveries, "@dead", DeliveryStates.Dead);
            Add(deliveries, "@before", Time(before));
            deleted = await deliveries.ExecuteNonQueryAsync(cancellation);
        }
        await using (var events = connection.CreateCommand())
        {
            events.Transaction = transaction;
            events.CommandText = "DELETE FROM webhook_events WHERE time < @before AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = webhook_events.id)";
            Add(events, "@before", Time(before));
            await events.ExecuteNonQueryAsync(cancellation);
        }
        await transaction.CommitAsync(cancellation);
        return deleted;
    }

    public async Task ReleaseLeasesAsync(CancellationToken cancellation)
    {
        await using var connection = await OpenDurableAsync(cancellation);
        await ExecuteAsync(connection, "UPDATE webhook_deliveries SET lease = NULL, lease_until = NULL WHERE lease IS NOT NULL", cancellation);
    }

    private static int Int(DbDataReader reader, int i) => Convert.ToInt32(reader.GetValue(i), CultureInfo.InvariantCulture);
}
