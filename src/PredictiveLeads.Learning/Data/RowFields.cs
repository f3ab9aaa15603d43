using System.Collections.Frozen;

namespace PredictiveLeads.Learning.Data;

/// <summary>
/// Reads a fixed list of fields from rows. A row made by a <see cref="RowParser"/> is read by the parser's slots, worked
/// out once per parser rather than looked up by name for every row; any other row is read by name. Thread-safe.
/// </summary>
public sealed class RowFields
{
    private readonly string[] _names;
    private SlotReading? _reading;

    public RowFields(IEnumerable<string> names) => _names = [.. names];

    /// <summary>The fields' values in <paramref name="row"/>, by their position in the list.</summary>
    public Values Of(IParsedRow row)
    {
        if (row is not ParsedRow { Slots: { } slots })
            return new Values(row, null, null, _names);
        return new Values(row, slots, ReadingOf(slots.Table).Slots, _names);
    }

    private SlotReading ReadingOf(FrozenDictionary<string, int> table)
    {
        if (Volatile.Read(ref _reading) is { } known && ReferenceEquals(known.Table, table))
            return known;
        var reading = new SlotReading(table, [.. _names.Select(name => table.GetValueOrDefault(name, -1))]);
        Volatile.Write(ref _reading, reading);
        return reading;
    }

    /// <summary>Each field's slot in rows parsed with <c>Table</c>; -1 for a field the parser does not know (kept as text, if sent).</summary>
    private sealed record SlotReading(FrozenDictionary<string, int> Table, int[] Slots);

    /// <summary>One row's values of the fields.</summary>
    public readonly struct Values
    {
        private readonly IParsedRow _row;
        private readonly FieldSlots? _slots;
        private readonly int[]? _slotOf;
        private readonly string[] _names;

        internal Values(IParsedRow row, FieldSlots? slots, int[]? slotOf, string[] names)
        {
            _row = row;
            _slots = slots;
            _slotOf = slotOf;
            _names = names;
        }

        public ParsedValue this[int field] =>
            _slotOf is null ? _row[_names[field]]
            : _slotOf[field] is >= 0 and var slot ? _slots![slot]
            : _slots!.Other(_names[field]);
    }
}
