using PredictiveLeads.Learning.Metrics;

namespace PredictiveLeads.Scoring.Fields;

/// <summary>One field's drift: the PSI of the scored leads' bins against training, and the bin that moved most.</summary>
public sealed record FieldDriftReading(string Field, long Leads, double Psi, string Reading, string MovedMost, double TrainingShare, double LiveShare);

public static class FieldDrift
{
    /// <summary>Fewer scored leads than this give PSI values that are mostly noise.</summary>
    public const int MinimumLeads = 200;

    /// <summary>Every field's reading from its live bin counts, the largest PSI first (fields without scored leads are left out).</summary>
    public static IReadOnlyList<FieldDriftReading> Read(IReadOnlyList<FieldDistribution> fields, IReadOnlyList<long[]> counts)
    {
        var readings = new List<FieldDriftReading>(fields.Count);
        for (var f = 0; f < fields.Count; f++)
        {
            var live = counts[f];
            var leads = live.Sum();
            if (leads == 0)
                continue;
            var psi = Drift.PopulationStabilityIndex(fields[f].Shares, live);
            var moved = Enumerable.Range(0, live.Length).MaxBy(b => Math.Abs((double)live[b] / leads - fields[f].Shares[b]));
            readings.Add(new FieldDriftReading(fields[f].Field, leads, Math.Round(psi, 6), Reading(leads, psi), fields[f].Describe(moved), fields[f].Shares[moved],
                Math.Round((double)live[moved] / leads, 6)));
        }
        return [.. readings.OrderByDescending(r => r.Psi).ThenBy(r => r.Field, StringComparer.Ordinal)];
    }

    private static string Reading(long leads, double psi) =>
        leads < MinimumLeads ? "too few scored leads yet"
        : psi < 0.1 ? "stable"
        : psi < 0.25 ? "moderate shift"
        : "large shift: check where this field comes from and consider retraining";
}
