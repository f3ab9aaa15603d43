using PredictiveLeads.Scoring.Comparison;
using PredictiveLeads.Scoring.Worklist;

namespace PredictiveLeads.Api.Storage;

/// <summary>Durable storage of predictions and outcomes.</summary>
public interface IPredictionStore
{
    /// <summary>Creates tables on first use.</summary>
    Task InitializeAsync(CancellationToken cancellation);

    /// <summary>
    /// Stores the predictions and, in the same transaction, the progress of the log run writing them (when given; read
    /// as the transaction ends, so records the run received during the write count as queued).
    /// </summary>
    Task InsertPredictionsAsync(IReadOnlyList<PredictionRecord> predictions, Func<LogRunProgress>? progress, CancellationToken cancellation);

    /// <summary>
    /// The newest scoring of <paramref name="outcome"/> by <paramref name="challengerVersion"/> in the shadow of <paramref name="championVersion"/>
    /// of each lead with a recorded outcome, with the champion's probability from the same request.
    /// </summary>
    Task<IReadOnlyList<Scoring.Monitoring.ShadowScore>> ShadowScoresAsync(string challengerVersion, string championVersion, string outcome, CancellationToken cancellation);

    Task InsertAccountsAsync(IReadOnlyList<AccountRecord> accounts, Func<LogRunProgress>? progress, CancellationToken cancellation);

    /// <summary>Log runs that stopped with records queued: silent since <paramref name="silentSince"/> with their last progress not stored.</summary>
    Task<CrashedRuns> CrashedRunsAsync(DateTime silentSince, CancellationToken cancellation);

    /// <summary>The newest logged scoring of an account, if it was ever scored as an account.</summary>
    Task<AccountRecord?> LatestAccountAsync(string accountId, CancellationToken cancellation);

    /// <summary>The newest prediction of each lead and outcome logged under <paramref name="accountId"/>.</summary>
    Task<IReadOnlyList<PredictionRecord>> AccountContactsAsync(string accountId, CancellationToken cancellation);

    /// <summary>Stores an outcome once per lead and stage; false when that lead already had that stage recorded.</summary>
    Task<bool> InsertOutcomeAsync(OutcomeRecord outcome, CancellationToken cancellation);

    Task<IReadOnlyList<PredictionRecord>> HistoryAsync(string leadId, CancellationToken cancellation);

    /// <summary>Whether other instances may write this log too (PostgreSQL), so what this instance remembers may be out of date.</summary>
    bool SharedWithOtherInstances { get; }

    /// <summary>The newest logged score of every outcome of each of <paramref name="leadIds"/> (with its reasons): what a new scoring is compared with.</summary>
    Task<IReadOnlyList<NewestScore>> NewestScoresAsync(IReadOnlyList<string> leadIds, CancellationToken cancellation);

    Task<IReadOnlyList<OutcomeRecord>> OutcomesAsync(string leadId, CancellationToken cancellation);

    /// <summary>
    /// The newest score of <paramref name="outcome"/> of each lead that has a recorded outcome (rows with a lead and a
    /// probability): what live evaluation needs, found by the database, never the whole log.
    /// </summary>
    Task<IReadOnlyList<LoggedScore>> LatestOfLeadsWithOutcomesAsync(string outcome, CancellationToken cancellation);

    /// <summary>
    /// One page of the export: the newest prediction of each outcome of the leads after <paramref name="afterLeadId"/> (in id
    /// order), for at most <paramref name="leads"/> leads, without reasons.
    /// </summary>
    Task<IReadOnlyList<PredictionRecord>> LatestPageAsync(string? afterLeadId, int leads, CancellationToken cancellation);

    /// <summary>The outcomes of the log, in name order.</summary>
    Task<IReadOnlyList<string>> LoggedOutcomesAsync(CancellationToken cancellation);

    /// <summary>Every recorded outcome's lead and stage column, nothing else.</summary>
    Task<IReadOnlyList<(string LeadId, string Stage)>> RecordedStagesAsync(CancellationToken cancellation);

    /// <summary>The outcomes recorded for leads in [<paramref name="fromLeadId"/>, <paramref name="toLeadId"/>].</summary>
    Task<IReadOnlyList<OutcomeRecord>> OutcomesBetweenAsync(string fromLeadId, string toLeadId, CancellationToken cancellation);

    /// <summary>
    /// How many of the newest <paramref name="limit"/> probabilities of <paramref name="outcome"/> logged by <paramref name="modelVersion"/>
    /// fall in each bin cut by <paramref name="edges"/> (bin i: above edge i − 1, up to edge i), counted by the database.
    /// </summary>
    Task<long[]> RecentScoreBinsAsync(string modelVersion, string outcome, IReadOnlyList<double> edges, int limit, CancellationToken cancellation);

    /// <summary>Predictions per day (yyyy-MM-dd, UTC) and model version since <paramref name="since"/> (UTC).</summary>
    Task<IReadOnlyList<(string Day, string ModelVersion, long Count)>> VolumeAsync(DateTime since, CancellationToken cancellation);

    /// <summary>
    /// The open leads of <paramref name="outcome"/>, most likely first, at most <paramref name="capacity"/>: newest scores since
    /// <paramref name="scoredSince"/> of leads without any of <paramref name="settlingRecords"/> (see <see cref="OpenLeads"/>);
    /// with a filter, only the leads whose newest scoring matches it.
    /// </summary>
    Task<IReadOnlyList<WorklistEntry>> WorklistAsync(string outcome, IReadOnlyList<string> settlingRecords, DateTime scoredSince, int capacity, WorklistFilter filter,
        CancellationToken cancellation);

    /// <summary>Throws when the database cannot be reached or takes no writes.</summary>
    Task PingAsync(CancellationToken cancellation);
}
