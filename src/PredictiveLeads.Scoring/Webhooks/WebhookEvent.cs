using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PredictiveLeads.Scoring.Webhooks;

/// <summary>The model a webhook event is about or came from.</summary>
public readonly record struct EventModel(string Name, string Version);

/// <summary>
/// One event as it is stored in the outbox and posted: its unique id and type, and the JSON body, fixed when the event
/// happens, so that every delivery and every retry of it sends the same bytes.
/// </summary>
public sealed record WebhookEvent(string Id, string Type, DateTime Time, string? LeadId, string Body)
{
    public static WebhookEvent GradeChanged(EventModel model, DateTime time, string leadId, string outcome, string oldGrade, string newGrade, double? oldProbability,
        double newProbability) =>
        Create(NewId(time), WebhookEventTypes.GradeChanged, time, leadId, outcome, model, w => w.WriteString("old", oldGrade), w => w.WriteString("new", newGrade), w =>
        {
            Number(w, "oldProbability", oldProbability);
            w.WriteNumber("newProbability", newProbability);
        });

    public static WebhookEvent StageChanged(EventModel model, DateTime time, string leadId, string oldStage, string newStage) =>
        Create(NewId(time), WebhookEventTypes.StageChanged, time, leadId, null, model, w => w.WriteString("old", oldStage), w => w.WriteString("new", newStage), null);

    /// <summary>A probability crossing <paramref name="threshold"/>; <paramref name="oldProbability"/> is null on the lead's first scoring, which counts as coming from below.</summary>
    public static WebhookEvent CrossedThreshold(EventModel model, DateTime time, string leadId, string outcome, double threshold, double? oldProbability, double newProbability) =>
        Create(NewId(time), WebhookEventTypes.CrossedThreshold, time, leadId, outcome, model, w => Number(w, "old", oldProbability), w => w.WriteNumber("new", newProbability), w =>
        {
            w.WriteNumber("threshold", threshold);
            w.WriteString("direction", newProbability >= threshold ? "up" : "down");
        });

    /// <summary>
    /// An activation, with an id fixed by what was activated and when (<paramref name="activatedAt"/>, the pointer's write
    /// time): every instance that notices the same activation stores the same event, once.
    /// </summary>
    public static WebhookEvent ModelActivated(EventModel model, DateTime time, string? oldVersion, DateTime activatedAt) =>
        Create(StableId(WebhookEventTypes.ModelActivated, model.Name, model.Version, activatedAt.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            WebhookEventTypes.ModelActivated, time, null, null, model, w => String(w, "old", oldVersion), w => w.WriteString("new", model.Version), null);

    /// <summary>A field whose PSI went above <paramref name="threshold"/> for the served version; once per version and field (a fixed id).</summary>
    public static WebhookEvent ModelDrift(EventModel model, DateTime time, string field, double threshold, double? oldPsi, double newPsi, long scoredLeads) =>
        Create(StableId(WebhookEventTypes.ModelDrift, model.Name, model.Version, field), WebhookEventTypes.ModelDrift, time, null, null, model,
            w => Number(w, "old", oldPsi), w => w.WriteNumber("new", newPsi), w =>
            {
                w.WriteString("field", field);
                w.WriteNumber("threshold", threshold);
                w.WriteNumber("scoredLeads", scoredLeads);
            });

    private static string NewId(DateTime time) => Guid.CreateVersion7(new DateTimeOffset(time.ToUniversalTime())).ToString();

    /// <summary>A GUID-shaped id from SHA-256 of the parts: the same parts give the same id on every instance.</summary>
    private static string StableId(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private static WebhookEvent Create(string id, string type, DateTime time, string? leadId, string? outcome, EventModel model, Action<Utf8JsonWriter> old,
        Action<Utf8JsonWriter> @new, Action<Utf8JsonWriter>? more)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("type", type);
            w.WriteString("time", time.ToUniversalTime());
            String(w, "leadId", leadId);
            if (outcome is not null)
                w.WriteString("outcome", outcome);
            old(w);
            @new(w);
            more?.Invoke(w);
            w.WriteStartObject("model");
            w.WriteString("name", model.Name);
            w.WriteString("version", model.Version);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return new WebhookEvent(id, type, time, leadId, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
            w.WriteNumber(name, v);
        else
            w.WriteNull(name);
    }

    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
            w.WriteNull(name);
        else
            w.WriteString(name, value);
    }
}
