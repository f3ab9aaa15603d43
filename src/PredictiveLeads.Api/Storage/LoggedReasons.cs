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
        try
        {
            using var document = JsonDocument.Parse(text);
            return [.. document.RootElement.EnumerateArray().Select(pair => new LoggedReason(pair[0].GetString() ?? "", pair[1].GetDouble()))];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IndexOutOfRangeException)
        {
            return [];
        }
    }
}
