namespace PredictiveLeads.Scoring.Tests.Notebooks;

public sealed class ExecutedNotebookTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Printed_text_and_displayed_values_are_shown_and_are_no_problem()
    {
        var notebook = Load(
            """{ "name": "stdout", "output_type": "stream", "text": ["suspects: ", "0\n"] }""",
            """{ "data": { "text/html": "<table><th>missing share</th></table>", "text/plain": "a frame" }, "metadata": {}, "output_type": "display_data" }""");

        Assert.Empty(notebook.Problems);
        Assert.Contains("suspects: 0", notebook.Shown, StringComparison.Ordinal);
        Assert.Contains("<th>missing share</th>", notebook.Shown, StringComparison.Ordinal);
        Assert.Contains("a frame", notebook.Shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "ename": "Error", "evalue": "System.IO.FileNotFoundException: Could not load file or assembly 'CsvHelper'", "traceback": [], "output_type": "error" }""", "CsvHelper")]
    [InlineData("""{ "name": "stderr", "output_type": "stream", "text": "lib_lightgbm not found\n" }""", "lib_lightgbm")]
    [InlineData("""{ "name": "stdout", "output_type": "stream", "text": ["done\n", "System.DllNotFoundException: lib_lightgbm\n", "   at X.Y()\n"] }""", "DllNotFoundException")]
    [InlineData("""{ "name": "stdout", "output_type": "stream", "text": "failed:\n ---> Microsoft.ML.InvalidOperationException\n" }""", "InvalidOperationException")]
    public void Errors_standard_error_and_printed_exceptions_are_problems(string output, string expectedInProblem)
    {
        var notebook = Load("""{ "name": "stdout", "output_type": "stream", "text": "fine\n" }""", output);

        var problem = Assert.Single(notebook.Problems);
        Assert.StartsWith("cell 3: ", problem, StringComparison.Ordinal);
        Assert.Contains(expectedInProblem, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_only_mentions_an_exception_is_no_problem()
    {
        var notebook = Load("""{ "name": "stdout", "output_type": "stream", "text": "No Exception was thrown; the ExceptionCount column is 0\n" }""");

        Assert.Empty(notebook.Problems);
    }

    /// <summary>A notebook with a markdown cell first, then one code cell per output.</summary>
    private ExecutedNotebook Load(params string[] outputs)
    {
        var codeCells = outputs.Select(o => $$"""{ "cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [{{o}}], "source": [] }""");
        var path = _temp.Write("executed.ipynb",
            $$"""{ "cells": [{ "cell_type": "markdown", "metadata": {}, "source": ["# title"] }, {{string.Join(", ", codeCells)}}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5 }""");
        return ExecutedNotebook.Load(path);
    }
}
