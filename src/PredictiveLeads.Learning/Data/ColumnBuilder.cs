namespace PredictiveLeads.Learning.Data;

/// <summary>Fills one column's array during the second pass over a file.</summary>
internal abstract class ColumnBuilder(string name, ColumnKind kind)
{
    public string Name { get; } = name;

    public ColumnKind Kind { get; } = kind;

    public virtual ValueFormat Format => ValueFormat.Standard;

    public static ColumnBuilder Create(string name, ColumnReading reading, int rows) =>
        reading.Kind == ColumnKind.Categorical ? new CategoricalBuilder(name, rows) : new NumericBuilder(name, reading, rows);

    /// <summary>Stores the field; false when it does not fit the column's kind.</summary>
    public abstract bool TryAdd(int row, ReadOnlySpan<char> field, FieldParser parser);

    public abstract DataColumn Build();

    private sealed class NumericBuilder(string name, ColumnReading reading, int rows) : ColumnBuilder(name, reading.Kind)
    {
        private readonly double[] _values = new double[rows];

        public override ValueFormat Format => reading.Format;

        public override bool TryAdd(int row, ReadOnlySpan<char> field, FieldParser parser) =>
            parser.TryParse(Kind, field, out _values[row], reading.Format);

        public override DataColumn Build() => new NumericColumn(Name, Kind, _values) { Format = reading.Format };
    }

    private sealed class CategoricalBuilder(string name, int rows) : ColumnBuilder(name, ColumnKind.Categorical)
    {
        private readonly int[] _codes = new int[rows];
        private readonly Dictionary<string, int> _codeOfLevel = new(StringComparer.Ordinal);
        private readonly List<string> _levels = [];

        private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> CodeLookup => _codeOfLevel.GetAlternateLookup<ReadOnlySpan<char>>();

        public override bool TryAdd(int row, ReadOnlySpan<char> field, FieldParser parser)
        {
            if (parser.IsMissing(field))
            {
                _codes[row] = CategoricalColumn.MissingCode;
                return true;
            }
            var level = field.Trim();
            if (!CodeLookup.TryGetValue(level, out var code))
            {
                code = _levels.Count;
                var text = level.ToString();
                _codeOfLevel.Add(text, code);
                _levels.Add(text);
            }
            _codes[row] = code;
            return true;
        }

        public override DataColumn Build() => new CategoricalColumn(Name, _codes, _levels);
    }
}
