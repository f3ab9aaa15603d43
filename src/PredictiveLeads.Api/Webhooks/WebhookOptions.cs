using System.ComponentModel.DataAnnotations;

namespace PredictiveLeads.Api.Webhooks;

/// <summary>Where events are posted, which probabilities are watched, and how failed deliveries are retried.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    public List<WebhookEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>Probabilities whose crossing is <c>lead.crossed_threshold</c>.</summary>
    public List<ThresholdOptions> Thresholds { get; set; } = [];

    /// <summary>Failed attempts after which a delivery is dead-lettered (kept, listed, never tried again).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait before the second attempt's upper bound; it doubles per failure (with full jitter) up to <see cref="MaxRetrySeconds"/>.</summary>
    [Range(0.01, 86_400)]
    public double FirstRetrySeconds { get; set; } = 30;

    [Range(0.01, 604_800)]
    public double MaxRetrySeconds { get; set; } = 3600;

    /// <summary>
    /// Quick retries inside one attempt (exponential, jittered, through Microsoft.Extensions.Http.Resilience) for a blip:
    /// a 5xx, 408, 429 or a connection failure. The attempt fails when they are used up.
    /// </summary>
    [Range(0, 5)]
    public int QuickRetries { get; set; } = 2;

    [Range(0.01, 60)]
    public double QuickRetrySeconds { get; set; } = 0.5;

    /// <summary>How long one POST may take.</summary>
    [Range(0.1, 300)]
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Days delivered and dead-lettered deliveries stay listed before they are deleted (pending ones stay until done).</summary>
    [Range(1, 3650)]
    public int KeepDays { get; set; } = 30;

    /// <summary>How often due deliveries are looked for (new events wake the sender at once; this finds retries and other instances' events).</summary>
    [Range(0.05, 3600)]
    public double PollSeconds { get; set; } = 2;
}

public sealed class WebhookEndpointOptions
{
    /// <summary>An absolute http or https URL; it also names the endpoint's deliveries.</summary>
    public string Url { get; set; } = "";

    /// <summary>The HMAC key of the signature, shared with the receiver; at least 16 characters.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The event types this endpoint receives; empty for all of them.</summary>
    public List<string> Events { get; set; } = [];

    public bool Receives(string type) => Events.Count == 0 || Events.Contains(type, StringComparer.Ordinal);
}

public sealed class ThresholdOptions
{
    /// <summary>The outcome whose probability is watched; unset for every outcome.</summary>
    public string? Outcome { get; set; }

    public double Probability { get; set; }
}
