using Microsoft.Extensions.Options;
using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Api.Webhooks;

/// <summary>Refuses a webhook configuration that could not work, naming the setting and what it needs, before the service starts.</summary>
public sealed class WebhookOptionsValidation : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            var endpoint = options.Endpoints[i];
            var at = $"Webhooks:Endpoints:{i}";
            if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                problems.Add($"{at}:Url must be an absolute http or https URL (got '{endpoint.Url}')");
            if (endpoint.Secret.Length < 16)
                problems.Add($"{at}:Secret must be at least 16 characters (the receiver checks signatures with it)");
            foreach (var type in endpoint.Events.Where(t => !WebhookEventTypes.All.Contains(t)))
                problems.Add($"{at}:Events has '{type}', which is not an event (events: {string.Join(", ", WebhookEventTypes.All)})");
            if (options.Endpoints.Take(i).Any(e => e.Url == endpoint.Url))
                problems.Add($"{at}:Url repeats an earlier endpoint's URL; give each URL once, with all its events");
        }
        for (var i = 0; i < options.Thresholds.Count; i++)
        {
            if (options.Thresholds[i].Probability is <= 0 or >= 1 || double.IsNaN(options.Thresholds[i].Probability))
                problems.Add($"Webhooks:Thresholds:{i}:Probability must be between 0 and 1 (exclusive)");
        }
        if (options.FirstRetrySeconds > options.MaxRetrySeconds)
            problems.Add("Webhooks:FirstRetrySeconds must not be above Webhooks:MaxRetrySeconds");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
