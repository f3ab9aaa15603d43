namespace PredictiveLeads.Scoring.Tests.Notebooks;

/// <summary>
/// Runs a notebook headless in the real .NET Interactive kernel through the dotnet-repl tool (pinned in
/// .config/dotnet-tools.json), the way notebooks/README.md tells a user to.
/// </summary>
public static class DotnetRepl
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private static readonly Dictionary<string, string> Environment = new() { ["DOTNET_ROLL_FORWARD"] = "Major" };

    /// <summary>
    /// Runs every cell of <paramref name="notebook"/> from <paramref name="folder"/> (the kernel's working directory,
    /// which the notebook's relative paths start from) and writes the executed notebook to <paramref name="outputPath"/>.
    /// </summary>
    public static (int ExitCode, string Output) Run(string folder, string notebook, string outputPath) =>
        ChildProcess.Run("dotnet", ["repl", "--run", notebook, "--output-path", outputPath, "--exit-after-run"], folder, Timeout, Environment);
}
