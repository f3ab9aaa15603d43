using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using PredictiveLeads.Api.Storage;
using Polly;

namespace PredictiveLeads.Api.Webhooks;

public static class WebhookSetup
{
    /// <summary>The outbox, the sender with its resilient HTTP client, and the activation announcements.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidation>();
        services.AddSingleton<IWebhookStore>(provider => (IWebhookStore)provider.GetRequiredService<IPredictionStore>());
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookPublisher>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddSingleton<ActivationEvents>();
        services.AddHostedService(provider => provider.GetRequiredService<ActivationEvents>());
        services.AddHttpClient(WebhookDispatcher.ClientName).AddResilienceHandler("webhook-attempt", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value;
            if (options.QuickRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.QuickRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(options.QuickRetrySeconds),
                    // A receiver's Retry-After may ask for hours: that is the outbox's schedule to keep, not one attempt's.
                    ShouldRetryAfterHeader = false,
                });
            }
            pipeline.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
        });
        return services;
    }
}
