namespace PredictiveLeads.Api.Storage;

/// <summary>Durable storage of predictions and outcomes.</summary>
public interface IPredictionStore
{
    /// <summary>Creates tables on first use.</summary>
    Task InitializeAsync(CancellationToken cancellation);

    Task InsertPredictionsAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellation);

    /// <summary>Stores an outcome once per lead and stage; false when that lead already had that stage recorded.</summary>
    Task<bool> InsertOutcomeAsync(OutcomeRecord outcome, CancellationToken cancellation);

    Task<IReadOnlyList<PredictionRecord>> HistoryAsync(string leadId, CancellationToken cancellation);

    Task<IReadOnlyList<OutcomeRecord>> OutcomesAsync(string leadId, CancellationToken cancellation);

    /// <summary>Throws when the database cannot be reached.</summary>
    Task PingAsync(CancellationToken cancellation);
}
