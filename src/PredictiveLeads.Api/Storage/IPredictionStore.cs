namespace PredictiveLeads.Api.Storage;

/// <summary>Durable storage of predictions and outcomes.</summary>
public interface IPredictionStore
{
    /// <summary>Creates tables on first use.</summary>
    Task InitializeAsync(CancellationToken cancellation);

    Task InsertPredictionsAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellation);

    Task InsertAccountsAsync(IReadOnlyList<AccountRecord> accounts, CancellationToken cancellation);

    /// <summary>The newest logged scoring of an account, if it was ever scored as an account.</summary>
    Task<AccountRecord?> LatestAccountAsync(string accountId, CancellationToken cancellation);

    /// <summary>The newest prediction of each lead and outcome logged under <paramref name="accountId"/>.</summary>
    Task<IReadOnlyList<PredictionRecord>> AccountContactsAsync(string accountId, CancellationToken cancellation);

    /// <summary>Stores an outcome once per lead and stage; false when that lead already had that stage recorded.</summary>
    Task<bool> InsertOutcomeAsync(OutcomeRecord outcome, CancellationToken cancellation);

    Task<IReadOnlyList<PredictionRecord>> HistoryAsync(string leadId, CancellationToken cancellation);

    Task<IReadOnlyList<OutcomeRecord>> OutcomesAsync(string leadId, CancellationToken cancellation);

    /// <summary>The newest prediction of each lead and outcome (leads with an id only), without reasons.</summary>
    Task<IReadOnlyList<PredictionRecord>> LatestPredictionsAsync(CancellationToken cancellation);

    Task<IReadOnlyList<OutcomeRecord>> AllOutcomesAsync(CancellationToken cancellation);

    /// <summary>The most recent predictions, newest first, at most <paramref name="limit"/>, without reasons.</summary>
    Task<IReadOnlyList<PredictionRecord>> RecentAsync(int limit, CancellationToken cancellation);

    /// <summary>Predictions per day (yyyy-MM-dd, UTC) and model version since <paramref name="since"/> (UTC).</summary>
    Task<IReadOnlyList<(string Day, string ModelVersion, long Count)>> VolumeAsync(DateTime since, CancellationToken cancellation);

    /// <summary>Throws when the database cannot be reached or takes no writes.</summary>
    Task PingAsync(CancellationToken cancellation);
}
