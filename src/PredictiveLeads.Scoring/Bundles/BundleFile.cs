using System.Text.Json;

namespace PredictiveLeads.Scoring.Bundles;

/// <summary>Reads one JSON file of a bundle: its record, or null with what is wrong, naming the file.</summary>
internal static class BundleFile
{
    public static (T? Value, string? Problem) TryRead<T>(string path, JsonSerializerOptions json, string what) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), json) is { } value ? (value, null) : (null, $"{path}: empty {what}");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return (null, $"{path}: not readable {what} ({e.Message})");
        }
    }
}
