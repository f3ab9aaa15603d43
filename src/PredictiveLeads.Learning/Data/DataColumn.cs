namespace PredictiveLeads.Learning.Data;

/// <summary>One typed column of a <see cref="DataTable"/>.</summary>
public abstract class DataColumn(string name, ColumnKind kind)
{
    public string Name { get; } = name;

    public ColumnKind Kind { get; } = kind;

    /// <summary>How the file wrote the column's numbers or dates (values are stored parsed; this is for reading more files alike).</summary>
    public ValueFormat Format { get; init; } = ValueFormat.Standard;

    public abstract int Length { get; }

    public abstract bool IsMissing(int row);

    /// <summary>The value as text, the way it would appear in a CSV file ("" when missing).</summary>
    public abstract string FormatValue(int row);
}

/// <summary>Numeric, boolean or date/time values as doubles; NaN means missing.</summary>
public sealed class NumericColumn(string name, ColumnKind kind, double[] values) : DataColumn(name, kind)
{
    public double[] Values { get; } = values;

    public override int Length => Values.Length;

    public override bool IsMissing(int row) => double.IsNaN(Values[row]);

    public override string FormatValue(int row)
    {
        var value = Values[row];
        if (double.IsNaN(value))
            return "";
        if (Kind == ColumnKind.DateTime)
            return DayNumber.Format(value);
        return value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Text values as codes into <see cref="Levels"/>; code -1 means missing.</summary>
public sealed class CategoricalColumn(string name, int[] codes, IReadOnlyList<string> levels) : DataColumn(name, ColumnKind.Categorical)
{
    public const int MissingCode = -1;

    public int[] Codes { get; } = codes;

    /// <summary>Distinct levels in order of first appearance.</summary>
    public IReadOnlyList<string> Levels { get; } = levels;

    public override int Length => Codes.Length;

    public override bool IsMissing(int row) => Codes[row] == MissingCode;

    public override string FormatValue(int row) => Codes[row] == MissingCode ? "" : Levels[Codes[row]];
}
