using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace PredictiveLeads.Api.Hosting;

/// <summary>
/// The builder of the service, whose configuration files (appsettings*.json, user secrets) are re-read when they change,
/// as the host's defaults do, but found changed by polling each file every four seconds. The host's own way is a file
/// system watcher on the whole content root, subdirectories included: with the data directory under the content root,
/// as it is by default, every write of the prediction log woke that watcher (5% of a scored lead's CPU under load).
/// </summary>
public static class ConfigurationFiles
{
    private const string ReloadKey = "hostBuilder:reloadConfigOnChange";

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // The host reads the same key from the same places; an operator's "false" still means no reloading at all.
        var reload = new ConfigurationBuilder().AddEnvironmentVariables("DOTNET_").AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args).Build()
            .GetValue(ReloadKey, true);
        var builder = WebApplication.CreateBuilder([.. args, $"--{ReloadKey}=false"]);
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path, FileProvider: PhysicalFileProvider files } json)
                sources[i] = Polled(json, path, files.Root, reload);
        }
        return builder;
    }

    private static JsonConfigurationSource Polled(JsonConfigurationSource json, string path, string root, bool reload) => new()
    {
        Path = path,
        Optional = json.Optional,
        ReloadOnChange = reload,
        ReloadDelay = json.ReloadDelay,
        FileProvider = new PhysicalFileProvider(root) { UsePollingFileWatcher = true, UseActivePolling = true },
    };
}
