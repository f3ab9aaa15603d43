using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using PredictiveLeads.Api.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PredictiveLeads.Api.Tests;

/// <summary>
/// The API over a private copy of the committed default model registry and its own SQLite file, with one
/// score key and one admin key. Disposing deletes both unless <see cref="KeepFiles"/> is set.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public const string ScoreKey = "test-score-key-0001";
    public const string AdminKey = "test-admin-key-0001";

    private readonly TempDirectory? _ownFolder;

    private readonly TimeProvider? _clock;

    /// <summary>What the service logged as errors: a refused start's reason when the test host loses it.</summary>
    private readonly LoggedErrors _loggedErrors = new();

    /// <param name="folder">Where the registry copy and the database go; a fresh temporary folder when null.</param>
    /// <param name="permitsPerSecond">The per-key rate limit.</param>
    /// <param name="clock">The service's clock; the system's when null.</param>
    public ApiFactory(string? folder = null, int permitsPerSecond = 100_000, TimeProvider? clock = null)
    {
        PermitsPerSecond = permitsPerSecond;
        _clock = clock;
        if (folder is null)
        {
            _ownFolder = new TempDirectory();
            folder = _ownFolder.Path;
        }
        Folder = folder;
        if (!Directory.Exists(Registry))
            CopyDirectory(Path.Combine(RepositoryRoot.Path, "models", "default"), Path.Combine(Registry, "default"));
    }

    public string Folder { get; }

    public string Registry => Path.Combine(Folder, "models");

    public string DataDirectory => Path.Combine(Folder, "data");

    public int PermitsPerSecond { get; }

    /// <summary>The per-key limit of the endpoints that read the log; high unless a test is about it.</summary>
    public int ExpensivePerMinute { get; init; } = 1_000_000;

    /// <summary>Failed authentications a client may make per minute; high unless a test is about it.</summary>
    public int FailedAuthPerMinute { get; init; } = 100_000;

    /// <summary>The API keys (index 0: automation, score; 1: ops, admin), changeable while the service runs.</summary>
    public LiveSettings Live { get; } = new();

    /// <summary>More configuration, as <c>Section:Key</c> → value.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Why the service refused to start. The test host sometimes loses that reason to its own race (it asks the host it has
    /// just disposed for a service, and throws ObjectDisposedException instead); the reason is then the one the host logged
    /// as it failed.
    /// </summary>
    public static Exception StartFailure(IReadOnlyDictionary<string, string> settings)
    {
        using var api = new ApiFactory { Settings = settings };
        var error = Assert.ThrowsAny<Exception>(() => api.Client());
        return error is ObjectDisposedException && api._loggedErrors.FirstOrDefault() is { } logged ? logged : error;
    }

    public HttpClient Client(string? key = ScoreKey)
    {
        var client = CreateClient();
        if (key is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>
    /// Starts a real Kestrel on a port the system picks as it binds (port 0, so no other process can take it in between)
    /// and returns its loopback address.
    /// </summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri($"http://127.0.0.1:{new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Models:Registry", Registry);
        builder.UseSetting("Models:Name", "default");
        builder.UseSetting("Models:ReloadSeconds", "0.2");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("RateLimit:PermitsPerSecond", PermitsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimit:ExpensivePerMinute", ExpensivePerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimit:FailedAuthPerMinute", FailedAuthPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Live.Set("Auth:ApiKeys:0:Name", "automation");
        Live.Set("Auth:ApiKeys:0:Role", "score");
        Live.Set("Auth:ApiKeys:0:Key", ScoreKey);
        Live.Set("Auth:ApiKeys:1:Name", "ops");
        Live.Set("Auth:ApiKeys:1:Role", "admin");
        Live.Set("Auth:ApiKeys:1:Key", AdminKey);
        builder.ConfigureAppConfiguration(configuration => configuration.Add(Live));
        builder.ConfigureLogging(logging => logging.AddProvider(_loggedErrors));
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IBundleLoader, SharedBundleLoader>();
            if (_clock is not null)
                services.AddSingleton(_clock);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _ownFolder?.Dispose();
    }

    /// <summary>Publishes a copy of the committed v0001 as <paramref name="version"/> in this API's registry; returns its folder.</summary>
    public string PublishCopy(string version)
    {
        var folder = Path.Combine(Registry, "default", version);
        CopyDirectory(Path.Combine(Registry, "default", "v0001"), folder);
        return folder;
    }

    /// <summary>Publishes <paramref name="version"/> with an unreadable became_sql.model.json, a version that cannot be served.</summary>
    public async Task PublishUnreadable(string version) =>
        await File.WriteAllTextAsync(Path.Combine(PublishCopy(version), "became_sql.model.json"), "{not json");

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.GetDirectories(from))
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
    }
}
