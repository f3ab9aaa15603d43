using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PredictiveLeads.Api.Storage;

/// <summary>A logged reason: the field that moved the score and by how much (log-odds), never its value.</summary>
public sealed record LoggedReason(string Field, double Contribution);

/// <summary>Reasons stored with a prediction as a compact JSON array of [field, contribution] pairs.</summary>
public static class LoggedReasons
{
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
