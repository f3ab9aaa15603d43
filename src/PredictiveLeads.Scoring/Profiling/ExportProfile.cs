using System.Text.RegularExpressions;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Scoring.Profiling;

/// <summary>A proposed role for a column in the draft schema, and why.</summary>
public sealed record ProposedRole(string Column, string Reason);

/// <summary>
/// A first look at a CRM export: every column's kind, missing share, levels, examples and how well it predicts each
/// label, and a draft schema proposing the columns' roles (id, creation time, account, outcomes, identifiers and
/// constants to ignore, after-contact suspects, placeholder tokens, fit and engagement fields) for an analyst to review.
/// </summary>
public sealed partial record ExportProfile(string Source, int Rows, IReadOnlyList<string> Labels, IReadOnlyList<ColumnProfile> Columns, IReadOnlyList<string> ReadingNotes)
{
    /// <summary>Texts exports use for "not filled in"; proposed as missing tokens when a column holds one.</summary>
    private static readonly string[] Placeholders = ["Select", "select", "--", "-", "?", "unknown", "Unknown", "UNKNOWN", "none", "None", "(not set)", "not provided", "Not Provided", "n.a."];

    public IReadOnlyList<ProposedRole> Identifiers { get; init; } = [];
    public IReadOnlyList<ProposedRole> Constant { get; init; } = [];
    public IReadOnlyList<ProposedRole> AfterContact { get; init; } = [];
    public IReadOnlyList<(string Token, string Column)> MissingTokens { get; init; } = [];

    public static ExportProfile Build(DataTable table, IReadOnlyList<string> labels, int seed = 42, int threads = 1)
    {
        var labelValues = labels.ToDictionary(l => l, l => BinaryLabel.Read(table, l));
        var candidates = table.Columns.Select(c => c.Name).Except(labels).ToList();
        var screened = ColumnScreen.Screen(table, candidates);
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        var signals = candidates.ToDictionary(c => c, _ => new List<LabelSignal>());
        var suspects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (label, values) in labelValues)
        {
            var scanned = candidates.Except(screened.Select(s => s.Column)).ToList();
            foreach (var finding in LeakageScanner.Scan(table, scanned, values, rows, 0.9, seed, threads))
            {
                signals[finding.Column].Add(new LabelSignal(label, finding.OutOfFoldAuc, finding.MissingnessAuc));
                if (finding.Suspect)
                    suspects.TryAdd(finding.Column, $"{label}: {finding.Reason}");
            }
        }
        var tokens = new List<(string, string)>();
        foreach (var column in table.Columns.OfType<CategoricalColumn>())
        {
            foreach (var level in column.Levels.Where(Placeholders.Contains))
                tokens.Add((level, column.Name));
        }
        return new ExportProfile(table.Source, table.RowCount, labels, [.. table.Columns.Select(c => ColumnProfile.Of(c, signals.GetValueOrDefault(c.Name) ?? []))], table.ReadingNotes)
        {
            Identifiers = [.. screened.Where(s => s.Identifier).Select(s => new ProposedRole(s.Column, s.Reason))],
            Constant = [.. screened.Where(s => !s.Identifier).Select(s => new ProposedRole(s.Column, s.Reason))],
            AfterContact = [.. suspects.Select(s => new ProposedRole(s.Key, s.Value))],
            MissingTokens = tokens,
        };
    }

    /// <summary>The identifier to key leads by: a text identifier named like an id, else the first identifier.</summary>
    public string? ProposedId =>
        Identifiers.Select(i => i.Column).OrderByDescending(c => IdName().IsMatch(c) ? 1 : 0).ThenByDescending(c => Kind(c) == ColumnKind.Categorical ? 1 : 0).FirstOrDefault();

    /// <summary>An account column: named like an account or company id, with leads sharing values.</summary>
    public string? ProposedAccount => Columns.FirstOrDefault(c => AccountName().IsMatch(c.Column) && c.Levels < Rows && c.Levels > 1)?.Column;

    /// <summary>A segment column for the worklist's filter: categorical, named like a segment, tier, territory or size band.</summary>
    public string? ProposedSegment => Columns.FirstOrDefault(c => c.Kind == ColumnKind.Categorical && SegmentName().IsMatch(c.Column) && c.Levels > 1)?.Column;

    /// <summary>An owner column for the worklist's filter: named like the lead's owner or assigned rep.</summary>
    public string? ProposedOwner => Columns.FirstOrDefault(c => OwnerName().IsMatch(c.Column) && c.Levels > 1)?.Column;

    public ColumnKind Kind(string column) => Columns.First(c => c.Column == column).Kind;

    /// <summary>Whether a field says who the lead is (fit), what it did (engagement), or neither by its name.</summary>
    public static string? GroupOf(string column) =>
        EngagementName().IsMatch(column) ? "engagement" : FitName().IsMatch(column) ? "fit" : null;

    [GeneratedRegex(@"(^|[^a-z])(id|key|guid|uuid)([^a-z]|$)|Id$|ID$", RegexOptions.IgnoreCase)]
    private static partial Regex IdName();

    [GeneratedRegex(@"segment|tier|territory|size.?band", RegexOptions.IgnoreCase)]
    private static partial Regex SegmentName();

    [GeneratedRegex(@"owner|assigned|sales.?rep", RegexOptions.IgnoreCase)]
    private static partial Regex OwnerName();

    [GeneratedRegex(@"(account|company|organi[sz]ation).?(id|key|number)", RegexOptions.IgnoreCase)]
    private static partial Regex AccountName();

    [GeneratedRegex(@"visit|view|page|time spent|session|minutes|open|click|webinar|download|whitepaper|form|demo|activity|event|trial|pricing|engag|submission|mastering|copy", RegexOptions.IgnoreCase)]
    private static partial Regex EngagementName();

    [GeneratedRegex(@"industry|country|city|region|state|size|employee|revenue|title|seniority|department|occupation|specialization|domain|company|role|sector|customer|tech|source|origin|language", RegexOptions.IgnoreCase)]
    private static partial Regex FitName();
}
