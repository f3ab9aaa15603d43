using System.Text.Json;

namespace PredictiveLeads.Api.Contracts;

/// <summary>
/// Field names as strings kept once: every request sends the same few dozen names, so reading them would otherwise make
/// the same strings again for each lead. A name is found by its UTF-8 bytes as sent, in a table of one name per slot (a
/// name hashing to a taken slot replaces it), so the table stays the same size whatever names callers send. Escaped
/// names, names in pieces and names over the length limit are read as usual.
/// </summary>
internal static class FieldNames
{
    private const int Slots = 4096;
    private const int MaxLength = 128;
    private static readonly Known?[] Table = new Known?[Slots];

    /// <summary>The property name the reader is on, unescaped and validated exactly as <see cref="Utf8JsonReader.GetString"/> does.</summary>
    public static string Read(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > MaxLength)
            return reader.GetString()!;
        var utf8 = reader.ValueSpan;
        var hash = new HashCode();
        hash.AddBytes(utf8);
        var slot = hash.ToHashCode() & (Slots - 1);
        if (Volatile.Read(ref Table[slot]) is { } known && utf8.SequenceEqual(known.Utf8))
            return known.Name;
        // Read by the reader, which refuses bytes that are not UTF-8; only a name so read is kept.
        var name = reader.GetString()!;
        Volatile.Write(ref Table[slot], new Known(utf8.ToArray(), name));
        return name;
    }

    private sealed record Known(byte[] Utf8, string Name);
}
