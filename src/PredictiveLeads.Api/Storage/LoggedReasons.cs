using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PredictiveLeads.Api.Storage;

/// <summary>A logged reason: the field that moved the score and by how much (log-odds), never its value.</summary>
public sealed record LoggedReason(string Field, double Contribution);

/// <summary>
/// Reasons stored with a prediction as a compact JSON array of [field, contribution] pairs: every field's contribution
/// (rounded to 4 decimals, zeros left out), so a later scoring can say what moved; rows logged before kept only the
/// shown reasons. Reads show the strongest, as the scoring answer did.
/// </summary>
public static class LoggedReasons
{
    private const int ShownPerSide = 3;

    /// <summary>Stored reasons up to this many UTF-8 bytes are read from the stack; longer ones from a pooled buffer.</summary>
    private const int StackBytes = 2048;

    /// <summary>Each thread keeps one writer: reasons are formatted for every explained prediction.</summary>
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Json)? _writer;

    public static string? Format(IEnumerable<LoggedReason> reasons)
    {
        var (buffer, json) = _writer ??= NewWriter();
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        json.WriteStartArray();
        var any = false;
        foreach (var reason in reasons)
        {
            json.WriteStartArray();
            json.WriteStringValue(reason.Field);
            json.WriteNumberValue(Math.Round(reason.Contribution, 4));
            json.WriteEndArray();
            any = true;
        }
        json.WriteEndArray();
        json.Flush();
        return any ? Encoding.UTF8.GetString(buffer.WrittenSpan) : null;
    }

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) NewWriter()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        return (buffer, new Utf8JsonWriter(buffer));
    }

    /// <summary>The strongest reasons of the stored ones: up to three that raised the score, strongest first, then up to three that lowered it.</summary>
    public static IReadOnlyList<LoggedReason> Strongest(string? text)
    {
        var all = Parse(text);
        return [.. all.Where(r => r.Contribution > 0).OrderByDescending(r => r.Contribution).ThenBy(r => r.Field, StringComparer.Ordinal).Take(ShownPerSide),
            .. all.Where(r => r.Contribution < 0).OrderBy(r => r.Contribution).ThenBy(r => r.Field, StringComparer.Ordinal).Take(ShownPerSide)];
    }

    /// <summary>Every stored field contribution; null when none were stored (scored without reasons).</summary>
    public static IReadOnlyList<Scoring.Live.FieldContribution>? Contributions(string? text) =>
        text is null ? null : [.. Parse(text).Select(r => new Scoring.Live.FieldContribution(r.Field, r.Contribution))];

    /// <summary>The stored reasons; an unreadable value gives none rather than failing a history read.</summary>
    public static IReadOnlyList<LoggedReason> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return [];
        // Read in place rather than through a document: a scoring with reasons reads its lead's previous ones.
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = most > StackBytes ? ArrayPool<byte>.Shared.Rent(most) : null;
        try
        {
            Span<byte> utf8 = rented ?? stackalloc byte[StackBytes];
            return Read(utf8[..Encoding.UTF8.GetBytes(text, utf8)]) ?? [];
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The pairs of a whole JSON array of [field, contribution, ...] arrays (a null field read as ""); null for anything else.</summary>
    private static List<LoggedReason>? Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                return null;
            var reasons = new List<LoggedReason>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                    return null;
                var field = reader.GetString() ?? "";
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number)
                    return null;
                var contribution = reader.GetDouble();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    reader.Skip();
                reasons.Add(new LoggedReason(field, contribution));
            }
            // Nothing may follow the array.
            return reader.Read() ? null : reasons;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
