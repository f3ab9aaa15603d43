using System.Text.Json;
using System.Text.Json.Serialization;

namespace PredictiveLeads.Scoring.Funnel;

/// <summary>Reads a stage from a hand-written file by its name in any letter case ("sql", "Won"); writes its name.</summary>
public sealed class LenientFunnelStageConverter : JsonConverter<FunnelStage>
{
    public override FunnelStage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return FunnelStages.Parse(text)
            ?? throw new JsonException($"{(text is null ? $"a {reader.TokenType}" : $"'{text}'")} is not a funnel stage; expected one of {string.Join(", ", Enum.GetValues<FunnelStage>().Select(s => s.Name()))}");
    }

    public override void Write(Utf8JsonWriter writer, FunnelStage value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name());
}
