using System.Diagnostics;

namespace PredictiveLeads.Scoring.Tests.Notebooks;

/// <summary>Runs a command to completion and hands back its exit code with everything it wrote.</summary>
public static class ChildProcess
{
    /// <summary>
    /// Runs <paramref name="command"/> in <paramref name="workingDirectory"/>; stops it and its children and fails the
    /// test when it takes longer than <paramref name="timeout"/>.
    /// </summary>
    public static (int ExitCode, string Output) Run(string command, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        // A command that asks for input gets none at once, rather than waiting until the timeout.
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{command} {string.Join(' ', start.ArgumentList)}' did not finish within {timeout.TotalMinutes} minutes");
        }
        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>Runs the command and fails the test, showing its output, unless it exits with 0.</summary>
    public static void Succeed(string command, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var (exitCode, output) = Run(command, arguments, workingDirectory, timeout);
        Assert.True(exitCode == 0, $"'{command} {string.Join(' ', arguments)}' failed ({exitCode}):\n{output}");
    }
}
