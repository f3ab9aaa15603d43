using System.Text.Json;
using System.Text.Json.Serialization;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Serialization;
using PredictiveLeads.Scoring.Funnel;

namespace PredictiveLeads.Scoring.Schema;

/// <summary>
/// What the columns of a CRM export mean: identifiers, the creation time, the outcomes, and the columns that
/// must not be features (ignored, or filled in only after sales made contact). Read from a JSON schema file
/// or assembled from command-line flags.
/// </summary>
public sealed record ExportSchema
{
    /// <summary>The lead identifier column; keys scores, never a feature.</summary>
    public string? Id { get; init; }

    /// <summary>The account (company) identifier column; groups contacts, never a feature of a lead.</summary>
    public string? AccountId { get; init; }

    /// <summary>When the lead was created; enables the time-based hold-out.</summary>
    public string? CreatedAt { get; init; }

    /// <summary>The outcome columns, one model each (e.g. became_mql, became_sql).</summary>
    public IReadOnlyList<string> Outcomes { get; init; } = [];

    /// <summary>
    /// The funnel stage each outcome column records (became_sql → SQL): live outcomes count a lead positive once it
    /// reached that stage or a later one. An outcome not named here gets a stage guessed from its name, and training says so.
    /// </summary>
    public IReadOnlyDictionary<string, FunnelStage> Stages { get; init; } = new Dictionary<string, FunnelStage>();

    /// <summary>Outcomes that nest, earliest first (["became_mql", "became_sql"]: an SQL is an MQL first); found in the labels when not given.</summary>
    public IReadOnlyList<string> Funnel { get; init; } = [];

    /// <summary>Columns that are not features.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Columns known only after contact (stage, status, owner…): leaks the outcome, never a feature.</summary>
    public IReadOnlyList<string> AfterContact { get; init; } = [];

    /// <summary>The export's own manual score (a HubSpot or Marketo score): the baseline the model is compared with, not a feature unless kept.</summary>
    public string? BaselineScore { get; init; }

    /// <summary>The field that puts a lead in a sales segment (region, size band, tier): the worklist can be filtered by it. Still a feature unless ignored.</summary>
    public string? Segment { get; init; }

    /// <summary>The field naming who owns the lead in the CRM (a rep, a queue): the worklist can be filtered by it. Never a feature: sales assigns it.</summary>
    public string? Owner { get; init; }

    /// <summary>Fields that say who the lead is (company, industry, role, size): the fit group of the fit × engagement grades.</summary>
    public IReadOnlyList<string> Fit { get; init; } = [];

    /// <summary>Fields that say what the lead did (visits, downloads, demo requests): the engagement group.</summary>
    public IReadOnlyList<string> Engagement { get; init; } = [];

    /// <summary>Extra tokens meaning "missing", such as "Select".</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>Column kinds that override inference (numeric, boolean, categorical, datetime).</summary>
    public IReadOnlyDictionary<string, ColumnKind> Kinds { get; init; } = new Dictionary<string, ColumnKind>();

    /// <summary>
    /// How columns write their numbers or dates, by name ("M/d/yyyy", "d/M/yyyy", "d.M.yyyy", "unix-seconds",
    /// "unix-milliseconds", "decimal-comma", "thousands-comma", "standard"); the rest are decided from their values.
    /// </summary>
    public IReadOnlyDictionary<string, string> Formats { get; init; } = new Dictionary<string, string>();

    /// <summary>The <see cref="Formats"/> as values; throws <see cref="DataFormatException"/> naming a format we do not know.</summary>
    public IReadOnlyDictionary<string, ValueFormat> ValueFormatsByColumn()
    {
        var (formats, problem) = ValueFormats.ByColumn(Formats);
        return formats ?? throw new DataFormatException(problem!);
    }

    /// <summary>With no creation time named, a column called created_at (or similar) is the creation time, so the hold-out is by time.</summary>
    public string? CreationTimeByName(IEnumerable<string> header) =>
        header.FirstOrDefault(c => IsNamedLikeCreationTime(c) && !NonFeatureColumns().Contains(c) && !(Kinds.TryGetValue(c, out var kind) && kind != ColumnKind.DateTime));

    /// <summary>Whether a column's name says it is when the lead was created: created_at, CreatedDate, "Created on"...</summary>
    public static bool IsNamedLikeCreationTime(string column) =>
        new string([.. column.Where(char.IsLetter)]).ToLowerInvariant() is "createdat" or "created" or "createddate" or "createdon" or "createdtime" or "createdate";

    /// <summary>The schema with the formats the reader decided for <paramref name="table"/>'s columns, so a bundle reads later files the same way.</summary>
    public ExportSchema WithFormatsOf(DataTable table)
    {
        var formats = new Dictionary<string, string>(Formats, StringComparer.Ordinal);
        foreach (var column in table.Columns.Where(c => c.Format != ValueFormat.Standard))
            formats.TryAdd(column.Name, column.Format.Name());
        return this with { Formats = formats };
    }

    private static readonly JsonSerializerOptions Json = SchemaJson();

    private static JsonSerializerOptions SchemaJson()
    {
        var json = new JsonSerializerOptions(ModelSerializer.Json)
        {
            AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        // People write stages as they say them; first, so it is chosen over the general enum converter.
        json.Converters.Insert(0, new LenientFunnelStageConverter());
        return json;
    }

    public static ExportSchema Load(string path)
    {
        if (!File.Exists(path))
            throw new DataFormatException($"{path}: schema file not found");
        try
        {
            return JsonSerializer.Deserialize<ExportSchema>(File.ReadAllBytes(path), Json)
                ?? throw new DataFormatException($"{path}: the schema file is empty");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $":{line + 1}" : "";
            throw new DataFormatException($"{path}{where}: not a valid schema file: {e.Message.Split(" Path:")[0]}");
        }
    }

    /// <summary>The stage <paramref name="outcome"/> records, and whether it was guessed from the name because the schema does not say.</summary>
    public (FunnelStage? Stage, bool Guessed) StageOf(string outcome) =>
        Stages.TryGetValue(outcome, out var stage) ? (stage, false) : (FunnelStages.GuessFromOutcomeName(outcome), true);

    /// <summary>Every column the schema names that is not a feature: ids, outcomes, ignored and after-contact columns.</summary>
    public IEnumerable<string> NonFeatureColumns() =>
        new[] { Id, AccountId, BaselineScore, Owner }.OfType<string>().Concat(Outcomes).Concat(Ignore).Concat(AfterContact);

    /// <summary>
    /// Throws <see cref="UnknownColumnException"/> naming every column the schema (or a flag, as <paramref name="extra"/>
    /// role → column) mentions that the file does not have, then <see cref="DataFormatException"/> for other mistakes.
    /// </summary>
    public void CheckAgainst(string path, IReadOnlyCollection<string> header, IEnumerable<(string Role, string Column)>? extra = null)
    {
        var named = new List<(string Role, string Column)>();
        void Add(string role, string? column)
        {
            if (column is not null)
                named.Add((role, column));
        }
        Add("id", Id);
        Add("account id", AccountId);
        Add("created-at", CreatedAt);
        Add("baseline score", BaselineScore);
        Add("segment", Segment);
        Add("owner", Owner);
        foreach (var column in Outcomes)
            Add("outcome", column);
        foreach (var column in Ignore)
            Add("ignored", column);
        foreach (var column in AfterContact)
            Add("after-contact", column);
        foreach (var column in Kinds.Keys)
            Add("kind override", column);
        foreach (var column in Formats.Keys)
            Add("format", column);
        foreach (var column in Funnel)
            Add("funnel", column);
        foreach (var column in Fit)
            Add("fit", column);
        foreach (var column in Engagement)
            Add("engagement", column);
        named.AddRange(extra ?? []);
        var unknown = named.Where(n => !header.Contains(n.Column)).Select(n => $"the {n.Role} column '{n.Column}'{Closest(n.Column, header)}").Distinct().ToList();
        if (unknown.Count > 0)
            throw new UnknownColumnException($"{path}: {string.Join("; ", unknown)} {(unknown.Count == 1 ? "is" : "are")} not in the header (columns: {string.Join(", ", header)})");
        ValueFormatsByColumn();
        if (Outcomes.Count == 0)
            throw new DataFormatException($"{path}: no outcome column is named (use --label or the schema's \"outcomes\")");
        foreach (var stage in Funnel.Where(f => !Outcomes.Contains(f)))
            throw new DataFormatException($"{path}: the funnel names '{stage}', which is not an outcome (outcomes: {string.Join(", ", Outcomes)})");
        foreach (var repeated in Funnel.GroupBy(f => f).Where(g => g.Count() > 1))
            throw new DataFormatException($"{path}: the funnel names '{repeated.Key}' more than once; it lists each outcome once, earliest first");
        foreach (var (outcome, stage) in Stages)
        {
            if (!Outcomes.Contains(outcome))
                throw new DataFormatException($"{path}: a stage is given for '{outcome}', which is not an outcome (outcomes: {string.Join(", ", Outcomes)})");
            if (!stage.IsOutcomeStage())
                throw new DataFormatException($"{path}: the stage of '{outcome}' is {stage.Name()}; an outcome records reaching MQL, SQL, Opportunity or Won");
        }
    }

    /// <summary>" (did you mean 'Tags'?)" when a header name is one or two edits away, ignoring case; else "".</summary>
    private static string Closest(string name, IEnumerable<string> header)
    {
        var best = header.Select(h => (Name: h, Distance: EditDistance(name.ToLowerInvariant(), h.ToLowerInvariant())))
            .Where(h => h.Distance <= 2).OrderBy(h => h.Distance).FirstOrDefault();
        return best.Name is null ? "" : $" (did you mean '{best.Name}'?)";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
