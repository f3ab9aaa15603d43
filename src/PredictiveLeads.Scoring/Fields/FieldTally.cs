using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Scoring.Fields;

/// <summary>
/// Running counts of the scored leads' fields in their training bins (never the values): each scoring adds one to a
/// bin of every tracked field. Safe to add to from many requests at once; <see cref="Take"/> moves the counts out
/// exactly, so they can be stored and added up across instances.
/// </summary>
public sealed class FieldTally
{
    private readonly long[][] _counts;

    public FieldTally(IReadOnlyList<FieldDistribution> fields)
    {
        Fields = fields;
        _counts = [.. fields.Select(f => new long[f.Bins])];
    }

    public IReadOnlyList<FieldDistribution> Fields { get; }

    public void Count(ParsedRow? lead)
    {
        if (lead is null)
            return;
        for (var f = 0; f < Fields.Count; f++)
            Interlocked.Increment(ref _counts[f][Fields[f].BinOf(lead[Fields[f].Field])]);
    }

    /// <summary>The counts since the last take, per field; they are zero afterwards.</summary>
    public long[][] Take() => [.. _counts.Select(bins => bins.Select((_, b) => Interlocked.Exchange(ref bins[b], 0)).ToArray())];

    /// <summary>The counts not taken yet, per field.</summary>
    public long[][] Pending() => [.. _counts.Select(bins => bins.Select((_, b) => Interlocked.Read(ref bins[b])).ToArray())];

    /// <summary>Puts taken counts back (their store failed), so they are stored with the next take.</summary>
    public void Restore(long[][] taken)
    {
        for (var f = 0; f < taken.Length; f++)
        {
            for (var b = 0; b < taken[f].Length; b++)
                Interlocked.Add(ref _counts[f][b], taken[f][b]);
        }
    }
}
