using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Scoring.Fields;

/// <summary>
/// Running counts of the scored leads' fields in their training bins (never the values): each scoring adds one to a
/// bin of every tracked field. Safe to add to from many requests at once; <see cref="Take"/> moves the counts out
/// exactly, so they can be stored and added up across instances.
/// </summary>
public sealed class FieldTally
{
    /// <summary>Longs of padding after each stripe, so that two stripes never share a cache line.</summary>
    private const int Padding = 8;

    private readonly RowFields _fields;
    private readonly int[] _offsets;

    /// <summary>
    /// The counts, one stripe per processor, each holding every field's bins one after another: requests on different
    /// cores add to different cache lines instead of passing the same ones back and forth.
    /// </summary>
    private readonly long[][] _stripes;

    public FieldTally(IReadOnlyList<FieldDistribution> fields)
    {
        Fields = fields;
        _fields = new RowFields(fields.Select(f => f.Field));
        _offsets = new int[fields.Count + 1];
        for (var f = 0; f < fields.Count; f++)
            _offsets[f + 1] = _offsets[f] + fields[f].Bins;
        _stripes = [.. Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new long[_offsets[^1] + Padding])];
    }

    public IReadOnlyList<FieldDistribution> Fields { get; }

    public void Count(ParsedRow? lead)
    {
        if (lead is null)
            return;
        var values = _fields.Of(lead);
        var stripe = _stripes[(uint)Thread.GetCurrentProcessorId() % (uint)_stripes.Length];
        for (var f = 0; f < Fields.Count; f++)
            Interlocked.Increment(ref stripe[_offsets[f] + Fields[f].BinOf(values[f])]);
    }

    /// <summary>The counts since the last take, per field; they are zero afterwards.</summary>
    public long[][] Take() => Sum((stripe, cell) => Interlocked.Exchange(ref stripe[cell], 0));

    /// <summary>The counts not taken yet, per field.</summary>
    public long[][] Pending() => Sum((stripe, cell) => Interlocked.Read(ref stripe[cell]));

    /// <summary>Puts taken counts back (their store failed), so they are stored with the next take.</summary>
    public void Restore(long[][] taken)
    {
        for (var f = 0; f < taken.Length; f++)
        {
            for (var b = 0; b < taken[f].Length; b++)
                Interlocked.Add(ref _stripes[0][_offsets[f] + b], taken[f][b]);
        }
    }

    private long[][] Sum(Func<long[], int, long> read)
    {
        var counts = new long[Fields.Count][];
        for (var f = 0; f < Fields.Count; f++)
        {
            counts[f] = new long[Fields[f].Bins];
            for (var b = 0; b < counts[f].Length; b++)
            {
                foreach (var stripe in _stripes)
                    counts[f][b] += read(stripe, _offsets[f] + b);
            }
        }
        return counts;
    }
}
