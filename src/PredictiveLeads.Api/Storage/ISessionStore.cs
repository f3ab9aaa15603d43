namespace PredictiveLeads.Api.Storage;

/// <summary>
/// A person's dashboard session: the hash of the random token in their cookie, the key they signed in with (its name and
/// the SHA-256 of the key, to tell a rotated key apart) and its role then, and when the session ends.
/// </summary>
public sealed record SessionRecord(string TokenHash, string KeyName, string KeyHash, string Role, DateTime CreatedAt, DateTime ExpiresAt);

/// <summary>Dashboard sessions, kept in the service's database so that every instance sees them and sign-out ends them everywhere.</summary>
public interface ISessionStore
{
    Task CreateSessionAsync(SessionRecord session, CancellationToken cancellation);

    Task<SessionRecord?> FindSessionAsync(string tokenHash, CancellationToken cancellation);

    Task DeleteSessionAsync(string tokenHash, CancellationToken cancellation);

    /// <summary>Deletes the sessions that ended before <paramref name="now"/>.</summary>
    Task DeleteExpiredSessionsAsync(DateTime now, CancellationToken cancellation);
}
