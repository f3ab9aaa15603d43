using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.MLNet;

/// <summary>
/// Builds the ML.NET transforms that turn raw lead fields into the <c>Features</c> vector laid out by
/// <see cref="FeatureSlots"/>, following our fitted <see cref="FeaturePipeline"/>: its column kinds, its kept
/// levels (in code order) and its date reference day. Every transform is a built-in one, so a program that
/// knows only ML.NET can load the saved model.
/// </summary>
internal static class Featurizer
{
    public const string FeaturesColumn = "Features";

    private const long UnixEpochTicks = 621_355_968_000_000_000;

    public static IEstimator<ITransformer> Build(MLContext ml, FeaturePipeline pipeline)
    {
        var steps = new List<IEstimator<ITransformer>>();
        var slotColumns = new List<string>();
        var numbers = new List<(int Feature, string Input)>();
        var feature = 0;
        foreach (var column in pipeline.Columns)
        {
            switch (column.Kind)
            {
                case ColumnKind.Categorical:
                    AddCategorical(ml, steps, feature, column);
                    slotColumns.Add(Name(feature, "levels"));
                    break;
                case ColumnKind.Boolean:
                    steps.Add(Expression(ml, Name(feature, "number"), BooleanExpression, column.Column));
                    AddNumber(numbers, slotColumns, feature, Name(feature, "number"));
                    break;
                case ColumnKind.DateTime:
                    var ticks = Name(feature, "ticks");
                    steps.Add(ml.Transforms.Conversion.ConvertType(ticks, column.Column, DataKind.Int64));
                    string[] parts = [DaysExpression(column.ReferenceDay), DayOfWeekExpression, MonthExpression];
                    for (var part = 0; part < parts.Length; part++)
                    {
                        steps.Add(Expression(ml, Name(feature + part, "number"), parts[part], ticks));
                        AddNumber(numbers, slotColumns, feature + part, Name(feature + part, "number"));
                    }
                    break;
                default:
                    AddNumber(numbers, slotColumns, feature, column.Column);
                    break;
            }
            feature += column.FeatureCount;
        }
        AddNumericSlots(ml, steps, numbers, pipeline.Features);
        steps.Add(ml.Transforms.Concatenate(FeaturesColumn, [.. slotColumns]));
        IEstimator<ITransformer> chain = steps[0];
        foreach (var step in steps.Skip(1))
            chain = chain.Append(step);
        return chain;
    }

    /// <summary>A numeric feature gives two slots, its value and its missing indicator, in this order.</summary>
    private static void AddNumber(List<(int Feature, string Input)> numbers, List<string> slotColumns, int feature, string input)
    {
        numbers.Add((feature, input));
        slotColumns.Add(Name(feature, "value"));
        slotColumns.Add(Name(feature, "missing"));
    }

    /// <summary>
    /// Every numeric feature's value (a missing one replaced by the feature's training median) and missing indicator,
    /// both single-precision. The conversions and indicators are one multi-column transform each, not one per feature:
    /// a saved model's size and its save and load times grow with the number of transforms in its chain.
    /// </summary>
    private static void AddNumericSlots(MLContext ml, List<IEstimator<ITransformer>> steps, List<(int Feature, string Input)> numbers, IReadOnlyList<FeatureInfo> features)
    {
        if (numbers.Count == 0)
            return;
        // Expressions compute in double; the trees see single precision, like a number read from a CSV.
        steps.Add(ml.Transforms.Conversion.ConvertType([.. numbers.Select(n => new InputOutputColumnPair(Name(n.Feature, "single"), n.Input))], DataKind.Single));
        steps.Add(ml.Transforms.IndicateMissingValues([.. numbers.Select(n => new InputOutputColumnPair(Name(n.Feature, "missing.flag"), Name(n.Feature, "single")))]));
        steps.Add(ml.Transforms.Conversion.ConvertType([.. numbers.Select(n => new InputOutputColumnPair(Name(n.Feature, "missing"), Name(n.Feature, "missing.flag")))], DataKind.Single));
        foreach (var (feature, _) in numbers)
            steps.Add(Expression(ml, Name(feature, "value"), $"x => isna(x) ? {Single(features[feature].MissingAs)} : x", Name(feature, "single")));
    }

    /// <summary>
    /// One-hot over the kept levels, then a "no kept level" slot lit for anything else (missing, a missing token, rare,
    /// unseen): those map to the missing key, whose text is empty. Exactly one slot is lit.
    /// </summary>
    private static void AddCategorical(MLContext ml, List<IEstimator<ITransformer>> steps, int feature, ColumnTransform column)
    {
        var order = ml.Data.LoadFromEnumerable(column.Levels.Select(level => new LevelRow { Level = level }));
        string key = Name(feature, "key"), keyText = Name(feature, "key.text"), levels = Name(feature, "kept"), none = Name(feature, "none");
        steps.Add(ml.Transforms.Conversion.MapValueToKey(key, column.Column, keyData: order));
        steps.Add(ml.Transforms.Conversion.MapKeyToVector(levels, key));
        steps.Add(ml.Transforms.Conversion.MapKeyToValue(keyText, key));
        steps.Add(Expression(ml, none, "s => len(s) == 0 ? 1F : 0F", keyText));
        steps.Add(ml.Transforms.Concatenate(Name(feature, "levels"), levels, none));
    }

    private static ExpressionEstimator Expression(MLContext ml, string output, string expression, string input) =>
        ml.Transforms.Expression(output, expression, input);

    private static string Name(int feature, string part) => $"pl:{feature}:{part}";

    // The expressions below compute exactly what ColumnTransform and FieldParser compute, operation for operation
    // in double precision, so that our scorer and the saved model agree on every value.

    private const string BooleanExpression =
        "s => with(v = lower(s); v == \"1\" or v == \"true\" or v == \"yes\" ? 1D : (v == \"0\" or v == \"false\" or v == \"no\" ? 0D : na(0D)))";

    private static string DaysExpression(double referenceDay) =>
        $"t => t == 0L ? na(0D) : double(t - {UnixEpochTicks}L) / {TimeSpan.TicksPerDay}D - ({Real(referenceDay)})";

    /// <summary>Monday = 0, as <see cref="ColumnTransform.WriteNumber"/>; the default date (ticks 0) is missing.</summary>
    private static readonly string DayOfWeekExpression =
        $"t => t == 0L ? na(0D) : with(day = floor(double(t - {UnixEpochTicks}L) / {TimeSpan.TicksPerDay}D); ((day + 3D) % 7D + 7D) % 7D)";

    /// <summary>The civil month of the day count, by the same integer arithmetic as <c>ColumnTransform.MonthOfDay</c>, in exact whole doubles.</summary>
    private static readonly string MonthExpression =
        $"t => t == 0L ? na(0D) : with(day = floor(double(t - {UnixEpochTicks}L) / {TimeSpan.TicksPerDay}D), shifted = day + 719468D, " +
        "era = floor(shifted / 146097D), dayOfEra = shifted - era * 146097D, " +
        "yearOfEra = floor((dayOfEra - floor(dayOfEra / 1460D) + floor(dayOfEra / 36524D) - floor(dayOfEra / 146096D)) / 365D), " +
        "dayOfYear = dayOfEra - (365D * yearOfEra + floor(yearOfEra / 4D) - floor(yearOfEra / 100D)), " +
        "shiftedMonth = floor((5D * dayOfYear + 2D) / 153D); shiftedMonth < 10D ? shiftedMonth + 3D : shiftedMonth - 9D)";

    private static string Real(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "D";

    private static string Single(double value) => ((float)value).ToString("R", CultureInfo.InvariantCulture) + "F";

    private sealed class LevelRow
    {
        public string Level { get; set; } = "";
    }
}
