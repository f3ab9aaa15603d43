using System.Globalization;
using System.Text.Json;

namespace PredictiveLeads.Api.Api;

/// <summary>Turns a request's JSON field values into the text the models read, or names what is wrong.</summary>
public static class LeadFields
{
    public static bool TryRead(LeadScoreRequest lead, string prefix, out Dictionary<string, string?> fields, out Dictionary<string, string[]> errors)
    {
        fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        errors = [];
        if (lead.Fields is null)
        {
            errors[$"{prefix}fields"] = ["is required: an object of field name → value"];
            return false;
        }
        foreach (var (name, value) in lead.Fields)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    fields[name] = null;
                    break;
                case JsonValueKind.String:
                    fields[name] = value.GetString();
                    break;
                case JsonValueKind.Number:
                    fields[name] = value.TryGetDouble(out var number) && double.IsFinite(number)
                        ? number.ToString("R", CultureInfo.InvariantCulture)
                        : Error(errors, $"{prefix}fields.{name}", "is not a finite number");
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    fields[name] = value.ValueKind == JsonValueKind.True ? "true" : "false";
                    break;
                default:
                    Error(errors, $"{prefix}fields.{name}", "expected a number, text, true/false or null, not an object or array");
                    break;
            }
        }
        return errors.Count == 0;
    }

    private static string? Error(Dictionary<string, string[]> errors, string key, string message)
    {
        errors[key] = [message];
        return null;
    }
}
