namespace PredictiveLeads.Scoring.Tests.Notebooks;

/// <summary>
/// What running a notebook needs, prepared once for all of them with the commands notebooks/README.md gives:
/// the libraries published with every dependency into notebooks/bin, and the dotnet-repl tool restored.
/// </summary>
public sealed class NotebookPrerequisites
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public NotebookPrerequisites()
    {
        // The publish keeps its build under notebooks/obj, so it never touches src/*/obj while other test projects build there.
        ChildProcess.Succeed("dotnet",
            ["publish", "src/PredictiveLeads.Scoring", "-c", "Release", "--use-current-runtime", "--artifacts-path", "notebooks/obj", "-o", "notebooks/bin"],
            RepositoryRoot.Path, Timeout);
        ChildProcess.Succeed("dotnet", ["tool", "restore"], RepositoryRoot.Path, Timeout);
    }

    /// <summary>The folder holding the notebooks; their paths (bin/, ../training-data/) are relative to it.</summary>
    public string NotebooksFolder { get; } = Path.Combine(RepositoryRoot.Path, "notebooks");
}
