using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Hosting;

/// <summary>Creates the database on start, before the first request can need it.</summary>
public sealed class StorageInitializer(IPredictionStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class StorageSetup
{
    /// <summary>PostgreSQL when a connection string is configured, else the embedded SQLite store in <c>Storage:DataDirectory</c> (relative to the content root).</summary>
    public static IServiceCollection AddPredictionStorage(this IServiceCollection services)
    {
        services.AddSingleton<IPredictionStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(options.PostgresConnectionString))
                return new PostgresPredictionStore(options.PostgresConnectionString);
            var environment = provider.GetRequiredService<IHostEnvironment>();
            var directory = Path.IsPathRooted(options.DataDirectory) ? options.DataDirectory : Path.Combine(environment.ContentRootPath, options.DataDirectory);
            return new SqlitePredictionStore(Path.Combine(directory, "predictiveleads.db"), options.MaxDatabaseMegabytes);
        });
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<ISessionStore>(provider => (ISessionStore)provider.GetRequiredService<IPredictionStore>());
        services.AddSingleton<IFieldCountStore>(provider => (IFieldCountStore)provider.GetRequiredService<IPredictionStore>());
        services.AddDataProtection().SetApplicationName("PredictiveLeads");
        services.AddOptions<KeyManagementOptions>().Configure<IPredictionStore>((keys, store) => keys.XmlRepository = (IXmlRepository)store);
        services.AddHostedService<StorageInitializer>();
        services.AddSingleton<PredictionLog>();
        services.AddHostedService(provider => provider.GetRequiredService<PredictionLog>());
        return services;
    }
}
