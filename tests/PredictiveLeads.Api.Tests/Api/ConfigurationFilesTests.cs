using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using PredictiveLeads.Api.Hosting;

namespace PredictiveLeads.Api.Tests.Api;

public sealed class ConfigurationFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pl-config-").FullName;

    [Fact]
    public async Task A_changed_settings_file_is_read_again_by_polling_and_an_operators_false_still_turns_reloading_off()
    {
        var polled = Folder("polled");
        var fixedOnce = Folder("fixed");
        var reloading = ConfigurationFiles.CreateBuilder(["--contentRoot", polled, "--environment", "Production"]).Configuration;
        var notReloading = ConfigurationFiles.CreateBuilder(["--contentRoot", fixedOnce, "--environment", "Production", "--hostBuilder:reloadConfigOnChange=false"]).Configuration;
        try
        {
            Assert.Equal("before", reloading["Probe"]);
            Assert.Equal("before", notReloading["Probe"]);

            var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var watching = ChangeToken.OnChange(((IConfiguration)reloading).GetReloadToken, () =>
            {
                if (reloading["Probe"] == "after")
                    reloaded.TrySetResult();
            });
            Write(polled, "after");
            Write(fixedOnce, "after");
            await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal("after", reloading["Probe"]);
            Assert.Equal("before", notReloading["Probe"]);
        }
        finally
        {
            ((IDisposable)reloading).Dispose();
            ((IDisposable)notReloading).Dispose();
        }
    }

    private string Folder(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        Write(folder, "before");
        return folder;
    }

    private static void Write(string folder, string probe)
    {
        var file = Path.Combine(folder, "appsettings.json");
        File.WriteAllText(file, $$"""{ "Probe": "{{probe}}" }""");
        // Polling compares modification times; a rewrite within the same clock tick as the first write would look unchanged.
        File.SetLastWriteTimeUtc(file, probe == "before" ? DateTime.UtcNow.AddMinutes(-1) : DateTime.UtcNow);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
