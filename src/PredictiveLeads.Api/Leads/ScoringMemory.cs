using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Live;
using PredictiveLeads.Scoring.Recording;

namespace PredictiveLeads.Api.Leads;

/// <summary>
/// Where a scoring finds the lead's previous one, to say what changed. On a log that only this instance writes
/// (SQLite), the probabilities of the leads it scored lately are remembered, so a rescoring without reasons reads
/// nothing (a read on every scoring cost throughput and waited behind long reads of the log). A scoring with reasons
/// needs the previous field contributions, which are not remembered (they would make each lead cost kilobytes): it
/// reads the log, as does any scoring of a lead not remembered. On a log shared by instances (PostgreSQL), another
/// instance may have scored the lead since, so the log is always read. Log reads put this instance's queued, not yet
/// written predictions on top; a scoring made by another instance in its last gathering (50 ms) is not seen yet.
/// The memory holds at most <see cref="ScoringOptions.RememberedLeads"/> leads in its newer half and as many in its
/// older one, which is forgotten as a whole when the newer fills up.
/// </summary>
public sealed class ScoringMemory(IPredictionStore store, PredictionLog log, IOptions<ScoringOptions> options)
{
    private readonly int _capacity = options.Value.RememberedLeads;
    private readonly bool _remember = options.Value.RememberedLeads > 0 && !store.SharedWithOtherInstances;
    private readonly Lock _turning = new();
    private ConcurrentDictionary<string, IReadOnlyDictionary<string, PreviousScore>> _newer = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, IReadOnlyDictionary<string, PreviousScore>> _older = new(StringComparer.Ordinal);

    /// <param name="leadIds">The ids of the items about to be scored, one per item (null and unstorable ids are skipped).</param>
    /// <param name="outcomes">The served outcomes.</param>
    /// <param name="explained">Whether they are scored with reasons, which compare with the previous scoring's field contributions.</param>
    /// <param name="cancellation">Cancels the log read.</param>
    public async ValueTask<PreviousScores> ReadAsync(IEnumerable<string?> leadIds, IReadOnlyList<string> outcomes, bool explained, CancellationToken cancellation)
    {
        var byLead = new Dictionary<string, IReadOnlyDictionary<string, PreviousScore>>(StringComparer.Ordinal);
        if (leadIds is IReadOnlyList<string?> { Count: 1 } one && one[0] is { } onlyId && StoredText.IdProblem(onlyId) is null && Remembered(onlyId, explained) is { } known)
        {
            byLead[onlyId] = known;
            return new PreviousScores(byLead, null, oneItem: true);
        }
        var unknown = new List<string>();
        var asked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in leadIds)
        {
            if (id is null || !asked.Add(id) || StoredText.IdProblem(id) is not null)
                continue;
            if (Remembered(id, explained) is { } remembered)
                byLead[id] = remembered;
            else
                unknown.Add(id);
        }
        string? unreadable = null;
        if (unknown.Count > 0)
        {
            var read = new Dictionary<string, Dictionary<string, PreviousScore>>(StringComparer.Ordinal);
            try
            {
                foreach (var stored in await store.NewestScoresAsync(unknown, cancellation))
                    Keep(read, stored.LeadId, stored.Outcome, new PreviousScore(stored.Probability, stored.Time, stored.ModelVersion, LoggedReasons.Contributions(stored.Reasons))
                        { Grade = stored.Grade, RuleStage = stored.RuleStage });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                unreadable = $"the previous scorings could not be read from the prediction log ({e.Message}), so no change is given";
            }
            foreach (var id in unknown)
            {
                foreach (var outcome in outcomes)
                {
                    if (log.Unwritten(id, outcome) is { } queued)
                        Keep(read, id, outcome, new PreviousScore(queued.Probability, queued.Time, queued.ModelVersion, LoggedReasons.Contributions(queued.Reasons))
                            { Grade = queued.Grade, RuleStage = queued.RuleStage });
                }
            }
            foreach (var (id, scores) in read)
                byLead[id] = scores;
        }
        return new PreviousScores(byLead, unreadable);
    }

    /// <summary>Remembers a scoring this instance just made, without its field contributions.</summary>
    public void Remember(string leadId, IReadOnlyList<(string Outcome, PreviousScore Score)> scores)
    {
        if (!_remember)
            return;
        // The earlier scores are kept only for outcomes this scoring left out (a version serving other outcomes).
        var merged = Recall(leadId) is { } known && !CoversAll(scores, known)
            ? new Dictionary<string, PreviousScore>(known, StringComparer.Ordinal)
            : new Dictionary<string, PreviousScore>(scores.Count, StringComparer.Ordinal);
        foreach (var (outcome, score) in scores)
            merged[outcome] = score.Contributions is null ? score : score with { Contributions = null };
        _newer[leadId] = merged;
        if (_newer.Count > _capacity)
        {
            lock (_turning)
            {
                if (_newer.Count > _capacity)
                    (_older, _newer) = (_newer, new ConcurrentDictionary<string, IReadOnlyDictionary<string, PreviousScore>>(StringComparer.Ordinal));
            }
        }
    }

    /// <summary>The lead's remembered scores, when they will do: for a scoring without reasons of a lead this instance scored lately.</summary>
    private IReadOnlyDictionary<string, PreviousScore>? Remembered(string leadId, bool explained) =>
        _remember && !explained ? Recall(leadId) : null;

    private static bool CoversAll(IReadOnlyList<(string Outcome, PreviousScore Score)> scores, IReadOnlyDictionary<string, PreviousScore> known)
    {
        var covered = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            if (known.ContainsKey(scores[i].Outcome))
                covered++;
        }
        return covered == known.Count;
    }

    /// <summary>Whether the lead's newest scoring by this instance is remembered.</summary>
    public bool Remembers(string leadId) => _remember && Recall(leadId) is not null;

    private IReadOnlyDictionary<string, PreviousScore>? Recall(string leadId) =>
        _newer.TryGetValue(leadId, out var newer) ? newer : _older.TryGetValue(leadId, out var older) ? older : null;

    /// <summary>Keeps the newer of two scorings; on a tie the one seen last (this instance's queued one).</summary>
    private static void Keep(Dictionary<string, Dictionary<string, PreviousScore>> read, string leadId, string outcome, PreviousScore score)
    {
        if (!read.TryGetValue(leadId, out var outcomes))
            read[leadId] = outcomes = new Dictionary<string, PreviousScore>(StringComparer.Ordinal);
        if (!outcomes.TryGetValue(outcome, out var known) || known.Time <= score.Time)
            outcomes[outcome] = score;
    }
}
