using Microsoft.ML;
using Microsoft.ML.Data;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.MLNet;

/// <summary>
/// The raw input columns of a model (see <see cref="RawInput"/>) and no rows: what the transforms are fitted on
/// (our pipeline has already decided every one of them, so fitting them reads no rows) and the input schema a
/// saved model records.
/// </summary>
internal sealed class InputSchemaView : IDataView
{
    public InputSchemaView(IReadOnlyList<ColumnTransform> inputs)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var input in inputs)
            builder.AddColumn(input.Column, RawInput.TypeOf(input.Kind));
        Schema = builder.ToSchema();
    }

    /// <summary>Every column of <paramref name="schemas"/>, once each (the first schema naming a column gives its type).</summary>
    public InputSchemaView(params DataViewSchema[] schemas)
    {
        var builder = new DataViewSchema.Builder();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in schemas.SelectMany(s => s))
        {
            if (named.Add(column.Name))
                builder.AddColumn(column.Name, column.Type);
        }
        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => 0;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(Schema);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(Schema)];

    private sealed class Cursor(DataViewSchema schema) : DataViewRowCursor
    {
        public override long Position => -1;

        public override long Batch => 0;

        public override DataViewSchema Schema => schema;

        public override bool MoveNext() => false;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => throw new InvalidOperationException("the view has no rows");

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            (ref TValue value) => throw new InvalidOperationException("the view has no rows");
    }
}
