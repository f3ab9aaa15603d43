using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PredictiveLeads.Learning.Tests;

namespace PredictiveLeads.Scoring.Tests.Notebooks;

/// <summary>
/// Keeps the notebooks from rotting: every code cell of a notebook, in order, becomes one .NET file-based app
/// that references the project's libraries, runs on the committed sample data, and must succeed.
/// </summary>
public sealed class NotebookTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("01-profile-export.ipynb", "suspects:")]
    [InlineData("02-train-and-compare.ipynb", "[svg")]
    [InlineData("03-accounts.ipynb", "share with an SQL")]
    public void Every_code_cell_runs_in_order(string notebook, string expectedOutput)
    {
        var app = _temp.File(Path.GetFileNameWithoutExtension(notebook).Replace('-', '_') + ".cs");
        File.WriteAllText(app, ToProgram(Path.Combine(RepositoryRoot.Path, "notebooks", notebook)));

        var (exitCode, output) = Run(app, workingDirectory: Path.Combine(RepositoryRoot.Path, "notebooks"));

        Assert.True(exitCode == 0, $"{notebook} failed ({exitCode}):\n{output}");
        Assert.Contains(expectedOutput, output);
    }

    /// <summary>The code cells as one program: using directives first, cells in order, then stand-ins for the notebook's display helpers.</summary>
    private static string ToProgram(string notebook)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(notebook));
        var usings = new List<string>();
        var body = new StringBuilder();
        foreach (var cell in json.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() != "code")
                continue;
            var source = string.Concat(cell.GetProperty("source").EnumerateArray().Select(l => l.GetString()));
            foreach (var line in source.Split('\n'))
            {
                if (line.StartsWith("#r ", StringComparison.Ordinal) || line.StartsWith("#!", StringComparison.Ordinal))
                    continue;
                if (line.StartsWith("using ", StringComparison.Ordinal) && line.TrimEnd().EndsWith(';') && !line.StartsWith("using var", StringComparison.Ordinal))
                    usings.Add(line);
                else
                    body.AppendLine(line);
            }
            body.AppendLine();
        }
        var project = Path.Combine(RepositoryRoot.Path, "src", "PredictiveLeads.Scoring", "PredictiveLeads.Scoring.csproj");
        return $$"""
            #:project {{project}}
            #:property PublishAot=false
            #:property TreatWarningsAsErrors=false
            #:property Nullable=enable
            {{string.Join('\n', usings.Distinct())}}

            {{body}}

            static object HTML(string html) => html;
            static void display(object value) => Console.WriteLine(value is string text && text.StartsWith("<svg", StringComparison.Ordinal) ? $"[svg, {text.Length} characters]" : value);
            """;
    }

    private static (int ExitCode, string Output) Run(string app, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet", ["run", app])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 5 minutes");
        }
        return (process.ExitCode, output.Result + error.Result);
    }
}
