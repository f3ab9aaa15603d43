namespace PredictiveLeads.Learning.Data;

/// <summary>How to read a CSV file into a <see cref="DataTable"/>.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The field delimiter; null detects it from the header line (',', ';' or tab).</summary>
    public char? Delimiter { get; init; }

    /// <summary>Tokens meaning "missing" on top of <see cref="FieldParser.DefaultMissingTokens"/>, such as "Select".</summary>
    public IReadOnlyList<string> MissingTokens { get; init; } = [];

    /// <summary>Kinds that override inference for the named columns.</summary>
    public IReadOnlyDictionary<string, ColumnKind> KindOverrides { get; init; } = new Dictionary<string, ColumnKind>();

    /// <summary>How the named columns write their numbers or dates (the schema's "formats"); every value must fit.</summary>
    public IReadOnlyDictionary<string, ValueFormat> FormatOverrides { get; init; } = new Dictionary<string, ValueFormat>();

    /// <summary>Formats to use where a column's values leave the choice open (a bundle's formats, when scoring), with why.</summary>
    public IReadOnlyDictionary<string, ValueFormat> PreferredFormats { get; init; } = new Dictionary<string, ValueFormat>();

    /// <summary>Columns that are checked for shape but not kept (ignored columns, unused identifiers).</summary>
    public IReadOnlySet<string> SkipColumns { get; init; } = new HashSet<string>();

    /// <summary>Columns parsed at once (the table is the same for any number).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Reports bytes read and total bytes, once per pass over the file and then every few thousand rows.</summary>
    public Action<string, long, long>? Progress { get; init; }
}
