using Microsoft.Extensions.Options;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Live;
using PredictiveLeads.Scoring.Fields;
using PredictiveLeads.Scoring.Registry;

namespace PredictiveLeads.Api.Hosting;

/// <summary>The bundle being served and the version it came from; requests take one snapshot and use it throughout.</summary>
public sealed record ActiveModel(string Name, string Version, string Directory, ModelBundle Bundle, LeadScorer Leads, AccountScorer Accounts, DateTime LoadedAt,
    GradeBook Grades)
{
    /// <summary>Running counts of the scored leads' fields in their training bins; null when the bundle keeps no training distributions.</summary>
    public FieldTally? Fields { get; } = Bundle.Manifest.FieldDistributions.Count > 0 ? new FieldTally(Bundle.Manifest.FieldDistributions) : null;

    /// <summary>The model's name and version together, "x-education/v0001": what responses, the log and the charts show, so two models' versions never mix.</summary>
    public string QualifiedVersion => $"{Name}/{Version}";
}

/// <summary>
/// Serves the registry's active version and follows it: the <c>current</c> pointer is checked every few seconds,
/// a new version is loaded completely before it replaces the old one in a single reference swap (so no request
/// sees half of each), and a version that fails to load is refused with a logged reason while the previous
/// one keeps serving.
/// </summary>
public sealed class ModelHost(IOptions<ModelOptions> options, IOptions<ScoringOptions> scoring, IHostEnvironment environment, IBundleLoader loader, TimeProvider clock,
    ILogger<ModelHost> logger) : BackgroundService
{
    private readonly Lock _reloadGate = new();
    private ActiveModel? _current;
    private string? _refusedVersion;
    private ActiveModel? _challenger;
    private string? _refusedChallenger;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ActiveModel? Current => Volatile.Read(ref _current);

    /// <summary>The version scored in the shadow of <see cref="Current"/> (logged and compared, never answered); null when there is none.</summary>
    public ActiveModel? Challenger => Volatile.Read(ref _challenger);

    /// <summary>Why the registry's challenger is not being scored, if it is not.</summary>
    public string? ChallengerError { get; private set; }

    public ModelRegistry Registry { get; } = new(ResolveRegistry(options.Value, environment));

    public string Name => options.Value.Name;

    /// <summary>The reason the last version could not be served, if it could not.</summary>
    public string? LastError { get; private set; }

    /// <summary>A reason as clients may see it: paths inside the registry without the server's folders before it.</summary>
    public string ForClients(string reason) => reason.Replace(Registry.Root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal).Replace(Registry.Root, "(registry)", StringComparison.Ordinal);

    /// <summary>Completes the next time a version is served or refused (take it before checking what is served now).</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Reload();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ReloadSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
            Reload();
    }

    /// <summary>Loads the active version and the challenger if they changed. Returns the model now served.</summary>
    public ActiveModel? Reload()
    {
        lock (_reloadGate)
        {
            var served = ReloadCurrent();
            ReloadChallenger();
            return served;
        }
    }

    private ActiveModel? ReloadCurrent()
    {
        string? version;
        try
        {
            version = Registry.Current(Name);
        }
        catch (Exception e)
        {
            return Refuse(null, e.Message);
        }
        if (version is null)
            return Refuse(null, $"{Path.Combine(Registry.Root, Name)}: no active version to serve");
        if (version == Current?.Version || version == _refusedVersion)
            return Current;
        try
        {
            var loaded = Load(version);
            Volatile.Write(ref _current, loaded);
            _refusedVersion = null;
            LastError = null;
            logger.LogInformation("Serving model {Name} {Version} from {Directory}", Name, version, loaded.Directory);
            SignalChange();
            return loaded;
        }
        catch (Exception e)
        {
            Refuse(version, e.Message);
            return Current ?? ServeLastGood(version);
        }
    }

    /// <summary>
    /// With nothing served yet (a start whose <c>current</c> names a version that does not load), serves the newest other
    /// version that loads, so a bad pointer costs the service its newest model, not its whole answer. Readiness says so.
    /// </summary>
    private ActiveModel? ServeLastGood(string refused)
    {
        foreach (var version in Registry.Versions(Name).Where(v => v != refused).OrderDescending(StringComparer.Ordinal))
        {
            try
            {
                var loaded = Load(version);
                Volatile.Write(ref _current, loaded);
                logger.LogWarning("Model {Name} {Refused} refused at start; serving {Version}, the newest version that loads, until it is fixed or another is activated", Name, refused, version);
                SignalChange();
                return loaded;
            }
            catch (Exception e)
            {
                logger.LogWarning("Model {Name} {Version} does not load either: {Reason}", Name, version, e.Message);
            }
        }
        return null;
    }

    private ActiveModel Load(string version)
    {
        var directory = Registry.VersionDirectory(Name, version);
        var bundle = loader.Load(directory);
        var leads = new LeadScorer(bundle);
        return new ActiveModel(Name, version, directory, bundle, leads, new AccountScorer(leads), clock.GetUtcNow().UtcDateTime,
            Grading.For(directory, $"{Name}/{version}", scoring.Value, logger));
    }

    /// <summary>Follows the registry's <c>challenger</c> pointer; a challenger that does not load is refused with a logged reason, and none is scored.</summary>
    private void ReloadChallenger()
    {
        string? version;
        try
        {
            version = Registry.Challenger(Name);
        }
        catch (Exception e)
        {
            RefuseChallenger(null, e.Message);
            return;
        }
        if (version is null || version == Current?.Version)
        {
            ChallengerError = null;
            _refusedChallenger = null;
            if (Interlocked.Exchange(ref _challenger, null) is { } ended)
            {
                logger.LogInformation("Model {Name} {Version} is no longer scored as the challenger", Name, ended.Version);
                SignalChange();
            }
            return;
        }
        if (version == Challenger?.Version || version == _refusedChallenger)
            return;
        try
        {
            var loaded = Load(version);
            Volatile.Write(ref _challenger, loaded);
            _refusedChallenger = null;
            ChallengerError = null;
            logger.LogInformation("Scoring model {Name} {Version} as the challenger of {Current}", Name, version, Current?.Version ?? "nothing");
            SignalChange();
        }
        catch (Exception e)
        {
            RefuseChallenger(version, e.Message);
        }
    }

    private void RefuseChallenger(string? version, string reason)
    {
        if (version is null || version != _refusedChallenger)
            logger.LogError("Challenger {Name} {Version} refused; no challenger is scored: {Reason}", Name, version ?? "(unreadable pointer)", reason);
        _refusedChallenger = version;
        ChallengerError = reason;
        Volatile.Write(ref _challenger, null);
        SignalChange();
    }

    /// <summary>Makes a published version the challenger; null when it is scored now, else why it was refused.</summary>
    public string? Shadow(string name, string version) => Change(name, () => Registry.SetChallenger(name, version));

    /// <summary>Swaps the challenger and the current version; null when done, else why it was refused.</summary>
    public string? Promote(string name) => Change(name, () => Registry.Promote(name));

    /// <summary>Stops scoring a challenger.</summary>
    public string? EndShadow(string name) => Change(name, () => Registry.ClearChallenger(name));

    private string? Change(string name, Action change)
    {
        if (ModelRegistry.Refusal(change) is { } refusal)
            return refusal;
        if (name == Name)
            Reload();
        return null;
    }

    /// <summary>Makes a published version active in the registry and serves it; null when it is, else why it was refused.</summary>
    public string? Activate(string name, string version)
    {
        if (Registry.TryActivate(name, version) is { } refusal)
            return refusal;
        if (name == Name)
            Reload();
        return null;
    }

    private ActiveModel? Refuse(string? version, string reason)
    {
        if ((version is null || version != _refusedVersion) && logger.IsEnabled(LogLevel.Error))
            logger.LogError("Model {Name} {Version} refused, still serving {Serving}: {Reason}", Name, version ?? "(none)", Current?.Version ?? "nothing", reason);
        var changed = _refusedVersion != version || LastError != reason;
        _refusedVersion = version;
        LastError = reason;
        if (changed)
            SignalChange();
        return Current;
    }

    private void SignalChange() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>A relative registry path is looked for from the content root upwards, so the repository's models/ is found from any project folder.</summary>
    private static string ResolveRegistry(ModelOptions options, IHostEnvironment environment)
    {
        if (Path.IsPathRooted(options.Registry))
            return options.Registry;
        for (var directory = new DirectoryInfo(environment.ContentRootPath); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, options.Registry);
            if (Directory.Exists(Path.Combine(candidate, options.Name)))
                return candidate;
        }
        return Path.Combine(environment.ContentRootPath, options.Registry);
    }
}
