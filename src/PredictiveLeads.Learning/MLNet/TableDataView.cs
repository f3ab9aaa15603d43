using Microsoft.ML;
using Microsoft.ML.Data;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.MLNet;

/// <summary>
/// Some rows of a parsed table seen by ML.NET as raw input columns (<see cref="RawInput"/>), with the outcome
/// as a boolean <see cref="RawInput.LabelColumn"/> when labels are given. Values are read from the table as
/// ML.NET asks for them; nothing is copied.
/// </summary>
internal sealed class TableDataView : IDataView
{
    private readonly DataColumn[] _columns;
    private readonly int[] _rows;
    private readonly double[]? _labels;
    private readonly ReadOnlyMemory<char>[]?[] _levelText;

    public TableDataView(DataTable table, IReadOnlyList<ColumnTransform> inputs, int[] rows, double[]? labels = null)
    {
        _columns = [.. inputs.Select(t => table[t.Column])];
        _rows = rows;
        _labels = labels;
        _levelText = [.. _columns.Select(c => c is CategoricalColumn categorical ? categorical.Levels.Select(l => l.AsMemory()).ToArray() : null)];
        var builder = new DataViewSchema.Builder();
        for (var c = 0; c < inputs.Count; c++)
            builder.AddColumn(inputs[c].Column, RawInput.TypeOf(inputs[c].Kind));
        if (labels is not null)
            builder.AddColumn(RawInput.LabelColumn, BooleanDataViewType.Instance);
        Schema = builder.ToSchema();
    }

    /// <summary>The schema a saved model records as its input: the columns without the label.</summary>
    public static DataViewSchema InputSchema(IReadOnlyList<ColumnTransform> inputs)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var input in inputs)
            builder.AddColumn(input.Column, RawInput.TypeOf(input.Kind));
        return builder.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rows.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, [.. columnsNeeded.Select(c => c.Index)]);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(TableDataView view, HashSet<int> active) : DataViewRowCursor
    {
        private long _position = -1;

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => view.Schema;

        private int Row => view._rows[_position];

        public override bool MoveNext()
        {
            if (_position + 1 >= view._rows.Length)
            {
                _position = view._rows.Length;
                return false;
            }
            _position++;
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index == view._columns.Length)
                return (ValueGetter<TValue>)(Delegate)LabelGetter();
            var source = view._columns[column.Index];
            Delegate getter = source switch
            {
                CategoricalColumn categorical => CategoryGetter(categorical, view._levelText[column.Index]!),
                NumericColumn { Kind: ColumnKind.DateTime } dates => DateGetter(dates.Values),
                NumericColumn { Kind: ColumnKind.Boolean } booleans => BooleanGetter(booleans.Values),
                NumericColumn numbers => NumberGetter(numbers.Values),
                _ => throw new InvalidOperationException($"column '{source.Name}' has no ML.NET form"),
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"column '{source.Name}' is {column.Type}, not {typeof(TValue).Name}");
        }

        private ValueGetter<bool> LabelGetter() => (ref bool value) => value = view._labels![Row] > 0.5;

        private ValueGetter<ReadOnlyMemory<char>> CategoryGetter(CategoricalColumn column, ReadOnlyMemory<char>[] levels) =>
            (ref ReadOnlyMemory<char> value) =>
            {
                var code = column.Codes[Row];
                value = code < 0 ? ReadOnlyMemory<char>.Empty : levels[code];
            };

        private ValueGetter<float> NumberGetter(double[] values) => (ref float value) => value = (float)values[Row];

        private static readonly ReadOnlyMemory<char> True = "1".AsMemory();
        private static readonly ReadOnlyMemory<char> False = "0".AsMemory();

        private ValueGetter<ReadOnlyMemory<char>> BooleanGetter(double[] values) => (ref ReadOnlyMemory<char> value) =>
        {
            var flag = values[Row];
            value = double.IsNaN(flag) ? ReadOnlyMemory<char>.Empty : flag > 0.5 ? True : False;
        };

        private ValueGetter<DateTime> DateGetter(double[] days) => (ref DateTime value) =>
        {
            var day = days[Row];
            // An ML.NET date has no missing value: an empty field loads as the default date, which the model reads as missing.
            value = double.IsNaN(day) ? default : new DateTime(DateTime.UnixEpoch.Ticks + (long)Math.Round(day * TimeSpan.TicksPerDay), DateTimeKind.Utc);
        };
    }
}
