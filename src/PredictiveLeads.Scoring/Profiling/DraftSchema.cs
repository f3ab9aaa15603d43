using System.Text;
using System.Text.Json;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Schema;

namespace PredictiveLeads.Scoring.Profiling;

/// <summary>
/// The draft schema <c>profile</c> writes: the roles it proposes for an export's columns as a schema file that
/// <c>train --schema</c> reads, with a comment on each saying why, for the analyst to review.
/// </summary>
public static class DraftSchema
{
    public static string Write(ExportProfile profile)
    {
        var json = new StringBuilder();
        var header = profile.Columns.Select(c => c.Column).ToList();
        json.Append("{\n");
        json.Append($"  // Drafted by `profile` from {Path.GetFileName(profile.Source)} ({profile.Rows:N0} rows) on the values alone: review every entry, then train with --schema.\n");
        var id = profile.ProposedId;
        Entry(json, "id", id, id is null ? "No identifier found (no column differs on every row): scores will be keyed by row." : "The lead id: a different value on every row.");
        var createdAt = header.FirstOrDefault(c => profile.Kind(c) == ColumnKind.DateTime && ExportSchema.IsNamedLikeCreationTime(c));
        Entry(json, "createdAt", createdAt, createdAt is null
            ? "No creation time found by its name: the test leads will be drawn at random. Name the column if the export has one."
            : "The creation time (named like one): the newest leads are held out for testing.");
        var account = profile.ProposedAccount;
        Entry(json, "accountId", account, account is null ? "No account (company id) column found by its name." : "The account: named like one, and leads share its values.");
        var segment = profile.ProposedSegment;
        Entry(json, "segment", segment, segment is null ? "No segment column (tier, territory, size band) found by its name: the worklist cannot be filtered by segment."
            : "The segment the worklist can be filtered by (named like one); it stays a feature.");
        var owner = profile.ProposedOwner;
        Entry(json, "owner", owner, owner is null ? "No owner column found by its name: the worklist cannot be filtered by owner."
            : "The lead's owner, which the worklist can be filtered by; never a feature (sales assigns it).");
        json.Append("  // The outcomes, one model each.\n");
        json.Append($"  \"outcomes\": [{string.Join(", ", profile.Labels.Select(Quote))}],\n");
        var ignored = profile.Identifiers.Where(i => i.Column != id).Concat(profile.Constant).ToList();
        List("ignore", ignored, "Not features: identifiers, and columns with (almost) one value.");
        List("afterContact", profile.AfterContact, "Suspected of being filled in after contact (they give the outcome away): never features. Move one to the features only if you know it exists when a lead arrives.");
        var tokens = profile.MissingTokens.GroupBy(t => t.Token).ToList();
        json.Append(tokens.Count == 0 ? "  // No placeholder texts found.\n" : $"  // Placeholders meaning \"not filled in\": {string.Join("; ", tokens.Select(t => $"'{t.Key}' in {string.Join(", ", t.Select(x => x.Column))}"))}.\n");
        json.Append($"  \"missing\": [{string.Join(", ", tokens.Select(t => Quote(t.Key)))}],\n");
        var formats = profile.Columns.Where(c => c.Format != ValueFormat.Standard).ToList();
        if (formats.Count > 0)
        {
            json.Append("  // How these columns write their numbers or dates, as read from their values.\n  \"formats\": {\n");
            foreach (var column in formats)
                json.Append($"    {Quote(column.Column)}: {Quote(column.Format.Name())},\n");
            json.Append("  },\n");
        }
        var roles = new HashSet<string>(new[] { id, createdAt, account, owner }.OfType<string>().Concat(profile.Labels).Concat(ignored.Select(i => i.Column))
            .Concat(profile.AfterContact.Select(a => a.Column)), StringComparer.Ordinal);
        var features = header.Where(c => !roles.Contains(c)).ToList();
        var fit = features.Where(c => ExportProfile.GroupOf(c) == "fit").ToList();
        var engagement = features.Where(c => ExportProfile.GroupOf(c) == "engagement").ToList();
        var neither = features.Except(fit).Except(engagement).ToList();
        json.Append("  // Who the lead is (fit) and what it did (engagement), told apart by the fields' names.");
        json.Append(neither.Count == 0 ? "\n" : $" Not placed: {string.Join(", ", neither)}.\n");
        json.Append($"  \"fit\": [{string.Join(", ", fit.Select(Quote))}],\n");
        json.Append($"  \"engagement\": [{string.Join(", ", engagement.Select(Quote))}],\n");
        json.Append("}\n");
        return json.ToString();

        void List(string name, IReadOnlyList<ProposedRole> roles, string why)
        {
            json.Append($"  // {why}\n  \"{name}\": [");
            if (roles.Count == 0)
            {
                json.Append("],\n");
                return;
            }
            json.Append('\n');
            foreach (var role in roles)
                json.Append($"    {Quote(role.Column)}, // {OneLine(role.Reason)}\n");
            json.Append("  ],\n");
        }
    }

    private static void Entry(StringBuilder json, string name, string? value, string why)
    {
        json.Append($"  // {why}\n");
        if (value is not null)
            json.Append($"  \"{name}\": {Quote(value)},\n");
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    private static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ');
}
