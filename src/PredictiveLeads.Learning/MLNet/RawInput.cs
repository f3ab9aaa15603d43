using Microsoft.ML.Data;
using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Learning.MLNet;

/// <summary>
/// How a lead field enters an ML.NET model file: as the export has it. Categories and booleans are text
/// (booleans are read inside the model, as our reader reads them), numbers are single-precision floats and
/// date/times are ML.NET dates (ISO-8601 text in a CSV).
/// </summary>
public static class RawInput
{
    /// <summary>The ML.NET type of a column of this kind in the model's input schema.</summary>
    public static DataViewType TypeOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => NumberDataViewType.Single,
        ColumnKind.DateTime => DateTimeDataViewType.Instance,
        _ => TextDataViewType.Instance,
    };

    /// <summary>The C# type of a property holding a column of this kind, as ML.NET Model Builder writes it.</summary>
    public static string ClrTypeOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => "float",
        ColumnKind.DateTime => "DateTime",
        _ => "string",
    };

    /// <summary>The column that carries the outcome while a model is trained; never part of a saved model's input.</summary>
    public const string LabelColumn = "Label";
}
