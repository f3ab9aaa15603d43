using Microsoft.ML;
using Microsoft.ML.Data;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.MLNet;

/// <summary>
/// Some rows of a table as ML.NET learners read them: the <c>Features</c> vector laid out by <see cref="FeatureSlots"/>
/// (marked with the ranges of its one-hot slots, which LightGBM and FastTree turn into categorical splits) and the
/// boolean label. The slots hold exactly what the saved model's transforms compute from the raw fields, but are
/// computed here from our features a block of rows at a time, which is several times cheaper than running the
/// transforms over every training row.
/// </summary>
internal sealed class SlotDataView : IDataView
{
    private const int BlockRows = 1024;
    private const string CategoricalSlotRanges = "CategoricalSlotRanges";

    private readonly TableFeatures _features;
    private readonly IReadOnlyList<FeatureInfo> _info;
    private readonly int[] _firstSlot;
    private readonly int _slots;
    private readonly int[] _rows;
    private readonly double[] _labels;

    public SlotDataView(TableFeatures features, IReadOnlyList<FeatureInfo> info, int[] rows, double[] labels)
    {
        _features = features;
        _info = info;
        _rows = rows;
        _labels = labels;
        var layout = FeatureSlots.Of(info);
        _slots = layout.Count;
        _firstSlot = new int[info.Count];
        for (var s = layout.Count - 1; s >= 0; s--)
            _firstSlot[layout[s].Feature] = s;

        var annotations = new DataViewSchema.Annotations.Builder();
        var ranges = new List<int>();
        for (var f = 0; f < info.Count; f++)
        {
            if (info[f].Kind == FeatureKind.Categorical)
                ranges.AddRange([_firstSlot[f], _firstSlot[f] + info[f].Levels.Count]);
        }
        if (ranges.Count > 0)
        {
            var values = ranges.ToArray();
            annotations.Add(CategoricalSlotRanges, new VectorDataViewType(NumberDataViewType.Int32, values.Length),
                (ref VBuffer<int> value) => value = new VBuffer<int>(values.Length, values));
        }
        var schema = new DataViewSchema.Builder();
        schema.AddColumn(Featurizer.FeaturesColumn, new VectorDataViewType(NumberDataViewType.Single, _slots), annotations.ToAnnotations());
        schema.AddColumn(RawInput.LabelColumn, BooleanDataViewType.Instance);
        Schema = schema.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rows.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Any(c => c.Index == 0));

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>Writes one row's slots from its features: values (the median when missing) and indicators, one-hot levels.</summary>
    private void WriteSlots(double[][] block, int row, Span<float> slots)
    {
        for (var f = 0; f < _info.Count; f++)
        {
            var x = block[f][row];
            var first = _firstSlot[f];
            var info = _info[f];
            if (info.Kind == FeatureKind.Categorical)
            {
                var levels = info.Levels.Count;
                slots.Slice(first, levels + 1).Clear();
                slots[first + (double.IsNaN(x) || x >= levels ? levels : (int)x)] = 1;
                continue;
            }
            var missing = double.IsNaN(x);
            slots[first] = missing ? (float)info.MissingAs : (float)x;
            slots[first + 1] = missing ? 1 : 0;
        }
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly SlotDataView _view;
        private readonly bool _featuresActive;
        private readonly double[][] _block;
        private long _position = -1;
        private int _blockStart = -1;

        public Cursor(SlotDataView view, bool featuresActive)
        {
            _view = view;
            _featuresActive = featuresActive;
            _block = [.. Enumerable.Range(0, view._info.Count).Select(_ => new double[BlockRows])];
        }

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => _view.Schema;

        public override bool MoveNext()
        {
            if (_position + 1 >= _view._rows.Length)
            {
                _position = _view._rows.Length;
                return false;
            }
            _position++;
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => column.Index != 0 || _featuresActive;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            Delegate getter = column.Index == 0 ? FeaturesGetter() : LabelGetter();
            return getter as ValueGetter<TValue> ?? throw new InvalidOperationException($"column '{column.Name}' is not {typeof(TValue).Name}");
        }

        private ValueGetter<bool> LabelGetter() => (ref bool value) => value = _view._labels[_view._rows[_position]] > 0.5;

        private ValueGetter<VBuffer<float>> FeaturesGetter() => (ref VBuffer<float> value) =>
        {
            var start = (int)(_position / BlockRows * BlockRows);
            if (start != _blockStart)
            {
                var count = Math.Min(BlockRows, _view._rows.Length - start);
                _view._features.WriteRows(_view._rows.AsSpan(start, count), _block);
                _blockStart = start;
            }
            var editor = VBufferEditor.Create(ref value, _view._slots);
            _view.WriteSlots(_block, (int)(_position - start), editor.Values);
            value = editor.Commit();
        };
    }
}
