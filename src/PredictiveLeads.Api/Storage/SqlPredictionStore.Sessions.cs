namespace PredictiveLeads.Api.Storage;

/// <summary>The sessions table, in the same database as the log and outcomes, with the same plain SQL for SQLite and PostgreSQL.</summary>
public abstract partial class SqlPredictionStore : ISessionStore
{
    private const string SessionsTable = "CREATE TABLE IF NOT EXISTS sessions (token_hash TEXT PRIMARY KEY, key_name TEXT NOT NULL, key_hash TEXT NOT NULL, " +
        "role TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL)";

    public async Task CreateSessionAsync(SessionRecord session, CancellationToken cancellation)
    {
        await using var connection = await OpenDurableAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO sessions (token_hash, key_name, key_hash, role, created_at, expires_at) VALUES (@token, @name, @hash, @role, @created, @expires)";
        Add(command, "@token", session.TokenHash);
        Add(command, "@name", session.KeyName);
        Add(command, "@hash", session.KeyHash);
        Add(command, "@role", session.Role);
        Add(command, "@created", Time(session.CreatedAt));
        Add(command, "@expires", Time(session.ExpiresAt));
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public async Task<SessionRecord?> FindSessionAsync(string tokenHash, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT token_hash, key_name, key_hash, role, created_at, expires_at FROM sessions WHERE token_hash = @token";
        Add(command, "@token", tokenHash);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation)
            ? new SessionRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), ParseTime(reader.GetString(4)), ParseTime(reader.GetString(5)))
            : null;
    }

    public async Task DeleteSessionAsync(string tokenHash, CancellationToken cancellation)
    {
        await using var connection = await OpenDurableAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM sessions WHERE token_hash = @token";
        Add(command, "@token", tokenHash);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public async Task DeleteExpiredSessionsAsync(DateTime now, CancellationToken cancellation)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM sessions WHERE expires_at < @now";
        Add(command, "@now", Time(now));
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
