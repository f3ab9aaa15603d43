using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Learning.Models;

/// <summary>Reads a 0/1 outcome column, refusing anything that is not a two-class label.</summary>
public static class BinaryLabel
{
    /// <summary>The label of every row: 0, 1, or NaN when missing.</summary>
    public static double[] Read(DataTable table, string name)
    {
        var column = table.Find(name)
            ?? throw new DataFormatException($"{table.Source}: the label column '{name}' is not in the file (columns: {string.Join(", ", table.Columns.Select(c => c.Name))})");
        if (column is not NumericColumn numeric || column.Kind == ColumnKind.DateTime)
            throw Problem(table, column, DescribeValues(column));
        var labels = numeric.Values;
        for (var row = 0; row < labels.Length; row++)
        {
            var value = labels[row];
            if (!double.IsNaN(value) && value != 0 && value != 1)
                throw DataFormatException.At(table.Source, table.LineNumbers[row], name,
                    $"the label must be 0/1, true/false or yes/no, found '{column.FormatValue(row)}'");
        }
        return labels;
    }

    /// <summary>Rows with a label, and the number of each class among them; throws when a class is absent.</summary>
    public static (int[] Rows, int Positives, int Negatives) LabelledRows(DataTable table, string name, double[] labels)
    {
        var rows = new List<int>(labels.Length);
        int positives = 0, negatives = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            if (double.IsNaN(labels[row]))
                continue;
            rows.Add(row);
            if (labels[row] > 0.5)
                positives++;
            else
                negatives++;
        }
        if (positives == 0 || negatives == 0)
            throw new DataFormatException($"{table.Source}: column '{name}': every labelled row is {(positives == 0 ? "0" : "1")}; a model needs both outcomes");
        return ([.. rows], positives, negatives);
    }

    private static DataFormatException Problem(DataTable table, DataColumn column, string found) =>
        new($"{table.Source}: column '{column.Name}': the label must be 0/1, true/false or yes/no, but {found}");

    private static string DescribeValues(DataColumn column)
    {
        if (column is CategoricalColumn categorical)
        {
            var shown = string.Join(", ", categorical.Levels.Take(5).Select(l => $"'{l}'"));
            return $"it has {categorical.Levels.Count} distinct values ({shown}{(categorical.Levels.Count > 5 ? ", ..." : "")})";
        }
        return "it holds dates";
    }
}
