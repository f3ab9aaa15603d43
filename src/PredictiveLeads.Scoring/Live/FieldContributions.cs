using System.Collections;

namespace PredictiveLeads.Scoring.Live;

/// <summary>
/// Every non-zero field contribution of one scoring (rounded to 4 decimals), held compactly: the model's field names
/// are shared by all its scorings, and each scoring keeps a field index and a value per field. The service remembers
/// these for the leads it scored lately, so their size is what that memory costs.
/// </summary>
public sealed class FieldContributions : IReadOnlyList<FieldContribution>
{
    private readonly string[] _names;
    private readonly int[] _fields;
    private readonly float[] _values;

    private FieldContributions(string[] names, int[] fields, float[] values) => (_names, _fields, _values) = (names, fields, values);

    /// <summary>The contributions of <paramref name="byField"/>, one per name of <paramref name="names"/>, that do not round to 0.</summary>
    public static FieldContributions NonZero(string[] names, ReadOnlySpan<double> byField)
    {
        var count = 0;
        foreach (var value in byField)
        {
            if (Math.Round(value, 4) != 0)
                count++;
        }
        var (fields, values) = (new int[count], new float[count]);
        for (int field = 0, kept = 0; field < byField.Length; field++)
        {
            var rounded = Math.Round(byField[field], 4);
            if (rounded == 0)
                continue;
            (fields[kept], values[kept]) = (field, (float)rounded);
            kept++;
        }
        return new FieldContributions(names, fields, values);
    }

    public int Count => _fields.Length;

    public FieldContribution this[int index] => new(_names[_fields[index]], Math.Round(_values[index], 4));

    public IEnumerator<FieldContribution> GetEnumerator()
    {
        for (var i = 0; i < _fields.Length; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
