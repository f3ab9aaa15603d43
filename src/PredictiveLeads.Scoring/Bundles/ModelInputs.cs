using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Scoring.Bundles;

/// <summary>What a lead's field holds, as the bundle's models read it.</summary>
public enum LeadFieldKind
{
    Numeric,
    Boolean,
    Categorical,
    DateTime,
}

/// <summary>A field the bundle's models read: its name in the export, its kind and, for a category, the levels seen in training.</summary>
public sealed record LeadField(string Name, LeadFieldKind Kind, IReadOnlyList<string> Levels);

public static class ModelInputs
{
    /// <summary>Every field some model of the bundle reads, once, in the order the models read them.</summary>
    public static IReadOnlyList<LeadField> Of(ModelBundle bundle) =>
    [
        .. bundle.Models.Values.SelectMany(m => m.Pipeline.Columns).DistinctBy(c => c.Column).Select(c => new LeadField(c.Column, c.Kind switch
        {
            ColumnKind.Numeric => LeadFieldKind.Numeric,
            ColumnKind.Boolean => LeadFieldKind.Boolean,
            ColumnKind.Categorical => LeadFieldKind.Categorical,
            _ => LeadFieldKind.DateTime,
        }, c.Kind == ColumnKind.Categorical ? c.Levels : [])),
    ];
}
