using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Scoring.Profiling;

/// <summary>How one label relates to one column: AUC of the column alone (target-encoded out of fold) and of whether it is filled in.</summary>
public sealed record LabelSignal(string Label, double AucAlone, double? AucByMissingness);

/// <summary>One column of an export as an analyst first looks at it.</summary>
public sealed record ColumnProfile(string Column, ColumnKind Kind, ValueFormat Format, double MissingShare, int Levels, IReadOnlyList<string> Examples,
    IReadOnlyList<LabelSignal> Signals)
{
    public static ColumnProfile Of(DataColumn column, IReadOnlyList<LabelSignal> signals)
    {
        var missing = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var examples = new List<string>();
        for (var row = 0; row < column.Length; row++)
        {
            if (column.IsMissing(row))
            {
                missing++;
                continue;
            }
            var text = column.FormatValue(row);
            if (distinct.Add(text) && examples.Count < 3)
                examples.Add(text);
        }
        return new ColumnProfile(column.Name, column.Kind, column.Format, column.Length == 0 ? 0 : (double)missing / column.Length, distinct.Count, examples, signals);
    }
}
