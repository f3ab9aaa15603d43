using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PredictiveLeads.Api.Contracts;

/// <summary>
/// A lead's fields as sent: each value as the text the models read (numbers as written in the body,
/// true/false, or null), and the fields whose values have no such form, with what was wrong.
/// </summary>
[JsonConverter(typeof(LeadFieldValuesConverter))]
public sealed class LeadFieldValues(Dictionary<string, string?> values, IReadOnlyList<KeyValuePair<string, string>> problems, IReadOnlySet<string>? numbers = null)
{
    private static readonly HashSet<string> None = [];

    public IReadOnlyDictionary<string, string?> Values => values;

    /// <summary>Fields sent as JSON numbers: written with a decimal point, whatever way the training export wrote that column.</summary>
    public IReadOnlySet<string> Numbers => numbers ?? None;

    /// <summary>Field name → what is wrong with its value.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Problems => problems;
}

/// <summary>
/// Reads the fields object straight into text values in one pass: no document per value, and a value of the
/// wrong JSON type is noted against its field rather than failing the whole request.
/// </summary>
public sealed class LeadFieldValuesConverter : JsonConverter<LeadFieldValues>
{
    /// <summary>Room for a CRM lead's usual fields without the dictionary growing as they are read.</summary>
    private const int TypicalFieldCount = 32;

    public override LeadFieldValues Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("The fields must be an object of field name → value.");
        var values = new Dictionary<string, string?>(TypicalFieldCount, StringComparer.Ordinal);
        List<KeyValuePair<string, string>>? problems = null;
        HashSet<string>? numbers = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = FieldNames.Read(ref reader);
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    values[name] = null;
                    break;
                case JsonTokenType.String:
                    values[name] = reader.GetString();
                    break;
                case JsonTokenType.Number when reader.TryGetDouble(out var number) && double.IsFinite(number):
                    // The number exactly as written, so it is parsed once, by the field's kind, like any other text.
                    values[name] = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                    (numbers ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
                    break;
                case JsonTokenType.Number:
                    (problems ??= []).Add(new(name, "is not a finite number"));
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    values[name] = reader.TokenType == JsonTokenType.True ? "true" : "false";
                    break;
                default:
                    (problems ??= []).Add(new(name, "expected a number, text, true/false or null, not an object or array"));
                    // The serializer buffers a converter's whole value first, so skipping cannot run out of input.
                    if (!reader.TrySkip())
                        throw new JsonException($"The value of field '{name}' is incomplete.");
                    break;
            }
        }
        return new LeadFieldValues(values, problems ?? (IReadOnlyList<KeyValuePair<string, string>>)[], numbers);
    }

    public override void Write(Utf8JsonWriter writer, LeadFieldValues value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, text) in value.Values)
        {
            if (text is null)
                writer.WriteNull(name);
            else
                writer.WriteString(name, text);
        }
        writer.WriteEndObject();
    }
}
