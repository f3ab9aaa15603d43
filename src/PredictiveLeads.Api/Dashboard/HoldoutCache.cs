using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Scoring.Bundles;

namespace PredictiveLeads.Api.Dashboard;

/// <summary>
/// The served version's test-lead scores, read once per version on first use. A bundle without the file (older
/// bundles, or one trained without an id) or with a damaged one simply has no holdout view; scoring is unaffected.
/// </summary>
public sealed class HoldoutCache(ILogger<HoldoutCache> logger)
{
    private (string Directory, HoldoutScores? Scores, Dictionary<string, int> Index)? _loaded;
    private readonly Lock _gate = new();

    public HoldoutScores? For(ActiveModel model) => Load(model).Scores;

    /// <summary>The position of a test lead by its id, if the served version has it.</summary>
    public int? IndexOf(ActiveModel model, string id) => Load(model).Index.TryGetValue(id, out var i) ? i : null;

    private (string Directory, HoldoutScores? Scores, Dictionary<string, int> Index) Load(ActiveModel model)
    {
        lock (_gate)
        {
            if (_loaded is { } loaded && loaded.Directory == model.Directory)
                return loaded;
            var path = Path.Combine(model.Directory, HoldoutScores.FileName);
            var (scores, problem) = File.Exists(path) ? HoldoutScores.TryLoad(path) : (null, null);
            if (problem is not null)
                logger.LogWarning("Test-lead scores of {Version} not shown: {Reason}", model.QualifiedVersion, problem);
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < (scores?.Ids.Count ?? 0); i++)
                index.TryAdd(scores!.Ids[i], i);
            _loaded = (model.Directory, scores, index);
            return _loaded.Value;
        }
    }
}
