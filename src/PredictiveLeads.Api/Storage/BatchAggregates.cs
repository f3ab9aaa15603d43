using System.Globalization;
using System.Text;

namespace PredictiveLeads.Api.Storage;

/// <summary>What a batch of logged predictions adds to the aggregates, worked out from the batch itself.</summary>
internal static class BatchAggregates
{
    /// <summary>The batch's predictions per day (yyyy-MM-dd, as the log's times begin) and model version.</summary>
    public static IEnumerable<(string Day, string ModelVersion, long Count)> Volumes(IReadOnlyList<PredictionRecord> predictions) =>
        predictions.GroupBy(p => (Day: p.Time.ToUniversalTime().Date, p.ModelVersion))
            .Select(g => (SqlPredictionStore.Time(g.Key.Day)[..10], g.Key.ModelVersion, (long)g.Count()));

    /// <summary>
    /// For each lead and outcome of the batch, the id of its newest row and of the row before it in the batch (null when
    /// the batch scored it once), as a JSON array of [newest, before] pairs. <paramref name="ids"/> are the rows' ids, in
    /// the batch's order, which is the order they were scored in.
    /// </summary>
    public static string NewestJson(IReadOnlyList<PredictionRecord> predictions, IReadOnlyList<long> ids)
    {
        var newest = new Dictionary<(string LeadId, string Outcome), (long Id, long? Before)>();
        for (var row = 0; row < predictions.Count; row++)
        {
            if (predictions[row] is not { LeadId: { } leadId, Outcome: var outcome })
                continue;
            var key = (leadId, outcome);
            newest[key] = newest.TryGetValue(key, out var known) ? (ids[row], known.Id) : (ids[row], null);
        }
        var json = new StringBuilder("[");
        foreach (var (id, before) in newest.Values)
        {
            json.Append(json.Length == 1 ? "[" : ",[").Append(id.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(before is { } b ? b.ToString(CultureInfo.InvariantCulture) : "null").Append(']');
        }
        return json.Append(']').ToString();
    }
}
