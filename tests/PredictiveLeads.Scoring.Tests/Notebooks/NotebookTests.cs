namespace PredictiveLeads.Scoring.Tests.Notebooks;

/// <summary>
/// Keeps the notebooks from rotting: each one runs headless in the real .NET Interactive kernel, as a user runs it
/// (dotnet repl), against the published libraries and the committed sample data, and must show no error and what
/// it is there to show. DataFrames must render as HTML tables (<c>&lt;th&gt;</c> headers), which only the
/// Microsoft.Data.Analysis kernel extension does.
/// </summary>
[Trait("Category", "Slow")]
public sealed class NotebookTests(NotebookPrerequisites prerequisites) : IClassFixture<NotebookPrerequisites>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("01-profile-export.ipynb", "suspects:", "<th>missing share</th>", "<th>SQL rate</th>")]
    [InlineData("02-train-and-compare.ipynb", "became_sql: LightGbm model of", "<th>model P(SQL)</th>", "<svg")]
    [InlineData("03-accounts.ipynb", "<th>share with an SQL</th>", "<th>has an SQL</th>")]
    public void Runs_in_the_kernel_without_errors(string notebook, params string[] expectedOutputs)
    {
        var executed = _temp.File(notebook);

        var (exitCode, output) = DotnetRepl.Run(prerequisites.NotebooksFolder, notebook, executed);

        Assert.True(File.Exists(executed), $"dotnet repl wrote no executed notebook ({exitCode}):\n{output}");
        var result = ExecutedNotebook.Load(executed);
        Assert.True(result.Problems.Count == 0, $"{notebook} failed in the kernel:\n{string.Join("\n\n", result.Problems)}");
        Assert.True(exitCode == 0, $"dotnet repl exited with {exitCode}:\n{output}");
        foreach (var expected in expectedOutputs)
            Assert.Contains(expected, result.Shown, StringComparison.Ordinal);
    }
}
