using System.Globalization;
using System.Text.RegularExpressions;
using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Serialization;
using PredictiveLeads.Scoring.Bundles;

namespace PredictiveLeads.Scoring.Registry;

/// <summary>
/// Published bundles under a root folder: <c>ROOT/NAME/v0001/</c>, <c>v0002/</c>… are immutable versions and
/// <c>ROOT/NAME/current</c> is a one-line file naming the active one, replaced atomically (write, then rename),
/// so a reader always sees a whole old or a whole new pointer, and rolling back is rewriting one line.
/// </summary>
public sealed partial class ModelRegistry(string root)
{
    public const string CurrentFile = "current";

    /// <summary>Names the challenger: a version scored in the shadow of the current one, logged and compared, never answered.</summary>
    public const string ChallengerFile = "challenger";

    [GeneratedRegex("^v[0-9]{4,}$")]
    private static partial Regex VersionName();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex ModelName();

    public string Root { get; } = Path.GetFullPath(root);

    public static void CheckName(string name)
    {
        if (NameProblem(name) is { } problem)
            throw new ArgumentException($"'{name}' {problem}");
    }

    /// <summary>Why <paramref name="name"/> cannot name a model, or null when it can.</summary>
    public static string? NameProblem(string name) =>
        name.Length <= 100 && ModelName().IsMatch(name) ? null : "is not a valid model name: use letters, digits, '.', '_' and '-' (at most 100)";

    /// <summary>Why <paramref name="version"/> cannot name a version, or null when it can.</summary>
    public static string? VersionProblem(string version) =>
        version.Length <= 20 && VersionName().IsMatch(version) ? null : "is not a version name: 'v' and at least four digits, such as v0001";

    public IReadOnlyList<string> Names() =>
        Directory.Exists(Root) ? [.. Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>().Where(n => Versions(n).Count > 0).Order(StringComparer.Ordinal)] : [];

    public IReadOnlyList<string> Versions(string name)
    {
        var directory = Path.Combine(Root, name);
        return Directory.Exists(directory)
            ? [.. Directory.GetDirectories(directory).Select(Path.GetFileName).OfType<string>().Where(v => VersionName().IsMatch(v)).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>The active version of <paramref name="name"/>, or null when it has none.</summary>
    public string? Current(string name) => Pointer(name, CurrentFile);

    /// <summary>The version a pointer file of <paramref name="name"/> names; null without the file, refused when it names no published version.</summary>
    private string? Pointer(string name, string file)
    {
        var pointer = Path.Combine(Root, name, file);
        if (!File.Exists(pointer))
            return null;
        var version = File.ReadAllText(pointer).Trim();
        return VersionName().IsMatch(version) && Directory.Exists(Path.Combine(Root, name, version))
            ? version
            : throw new ModelFormatException($"{pointer}: names '{version}', which is not a published version of '{name}'");
    }

    public string VersionDirectory(string name, string version) => Path.Combine(Root, name, version);

    /// <summary>When <c>current</c> was last written (UTC): which activation is served, the same on every instance sharing the registry.</summary>
    public DateTime ActivatedAt(string name) => File.GetLastWriteTimeUtc(Path.Combine(Root, name, CurrentFile));

    /// <summary>
    /// Writes a new version with <paramref name="write"/> into a staging folder, renames it into place as the next
    /// version, and only then points <c>current</c> (or, with <paramref name="asChallenger"/>, <c>challenger</c>) at it.
    /// Returns the new version.
    /// </summary>
    public string Publish(string name, Action<string> write, bool asChallenger = false)
    {
        CheckName(name);
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        var staging = Path.Combine(directory, $".staging.{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            write(staging);
            var version = NextVersion(name);
            Directory.Move(staging, VersionDirectory(name, version));
            if (asChallenger)
                SetChallenger(name, version);
            else
                Activate(name, version);
            return version;
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Points <c>current</c> at an existing version (promotion or rollback), after checking the bundle loads.</summary>
    public void Activate(string name, string version)
    {
        var directory = VersionDirectory(name, version);
        if (!VersionName().IsMatch(version) || !Directory.Exists(directory))
            throw new ArgumentException($"'{version}' is not a published version of '{name}' (versions: {string.Join(", ", Versions(name))})");
        ModelBundle.Load(directory);
        AtomicFile.WriteAllText(Path.Combine(Root, name, CurrentFile), version + "\n");
    }

    /// <summary>The challenger of <paramref name="name"/>, or null when it has none.</summary>
    public string? Challenger(string name) => Pointer(name, ChallengerFile);

    /// <summary>The challenger of <paramref name="name"/>, or null when it has none or its pointer is damaged.</summary>
    public string? ChallengerOrNone(string name)
    {
        try
        {
            return Challenger(name);
        }
        catch (ModelFormatException)
        {
            return null;
        }
    }

    /// <summary>Makes an existing version, other than the current one, the challenger (after checking its bundle loads).</summary>
    public void SetChallenger(string name, string version)
    {
        var directory = VersionDirectory(name, version);
        if (!VersionName().IsMatch(version) || !Directory.Exists(directory))
            throw new ArgumentException($"'{version}' is not a published version of '{name}' (versions: {string.Join(", ", Versions(name))})");
        if (CurrentOrNone(name) == version)
            throw new ArgumentException($"'{version}' is the current version of '{name}': a challenger is scored beside it, so it must be another version");
        ModelBundle.Load(directory);
        AtomicFile.WriteAllText(Path.Combine(Root, name, ChallengerFile), version + "\n");
    }

    /// <summary>Ends shadow scoring: <paramref name="name"/> has no challenger afterwards.</summary>
    public void ClearChallenger(string name) => File.Delete(Path.Combine(Root, name, ChallengerFile));

    /// <summary>
    /// Swaps the challenger and the current version: the challenger is served, and the version it replaces is scored in its
    /// shadow. The challenger pointer is written first, so a crash in between leaves both naming the old version (no
    /// challenger is scored beside itself), never two challengers. Returns the version now current.
    /// </summary>
    public string Promote(string name)
    {
        var challenger = Challenger(name) ?? throw new ArgumentException($"'{name}' has no challenger to promote; make one with .../{{version}}/shadow first");
        var current = Current(name);
        ModelBundle.Load(VersionDirectory(name, challenger));
        if (current is not null)
            AtomicFile.WriteAllText(Path.Combine(Root, name, ChallengerFile), current + "\n");
        else
            ClearChallenger(name);
        AtomicFile.WriteAllText(Path.Combine(Root, name, CurrentFile), challenger + "\n");
        return challenger;
    }

    /// <summary>
    /// <see cref="Activate"/>, refusing instead of throwing: null when the version is now active, else why not (an unknown
    /// version, or a bundle that does not load, named with its file).
    /// </summary>
    public string? TryActivate(string name, string version) => Refusal(() => Activate(name, version));

    /// <summary>Runs a change of the registry's pointers; null when it was made, else why not (as <see cref="TryActivate"/>).</summary>
    public static string? Refusal(Action change)
    {
        try
        {
            change();
            return null;
        }
        catch (Exception e) when (e is ModelFormatException or ArgumentException or IOException)
        {
            return e.Message;
        }
    }

    /// <summary>The active version of <paramref name="name"/>, or null when it has none or its pointer is damaged.</summary>
    public string? CurrentOrNone(string name)
    {
        try
        {
            return Current(name);
        }
        catch (ModelFormatException)
        {
            return null;
        }
    }

    private string NextVersion(string name)
    {
        var last = Versions(name).Select(v => int.Parse(v[1..], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        return $"v{last + 1:D4}";
    }
}
