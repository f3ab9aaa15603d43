namespace PredictiveLeads.Learning.Data;

/// <summary>What the values of a column are, as inferred from the data or declared by the user.</summary>
public enum ColumnKind
{
    /// <summary>Real numbers; missing values are NaN.</summary>
    Numeric,

    /// <summary>Two-valued: 0/1, true/false or yes/no in any case; stored as 0 and 1.</summary>
    Boolean,

    /// <summary>Free text levels, stored as integer codes into a level list.</summary>
    Categorical,

    /// <summary>ISO-8601 dates or date-times, stored as days since 1970-01-01 UTC.</summary>
    DateTime,
}
