using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PredictiveLeads.Scoring.Tests.Notebooks;

/// <summary>The outputs of a notebook after a run (an .ipynb file, nbformat 4): what went wrong, and everything shown.</summary>
public sealed partial class ExecutedNotebook
{
    private ExecutedNotebook(IReadOnlyList<string> problems, string shown)
    {
        Problems = problems;
        Shown = shown;
    }

    /// <summary>
    /// Each error output (an exception or a compile error), each piece of standard-error text, and each printed
    /// exception, with its cell counted from 1 (markdown cells too). dotnet repl records what a cell writes to
    /// standard error as standard output, so a caught and printed exception is found by its text
    /// (<c>System.SomethingException: message</c>).
    /// </summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>All text a reader sees, in order: printed text and every displayed value (HTML, SVG, plain text).</summary>
    public string Shown { get; }

    public static ExecutedNotebook Load(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var problems = new List<string>();
        var shown = new StringBuilder();
        var cells = json.RootElement.GetProperty("cells").EnumerateArray().ToList();
        for (var cell = 0; cell < cells.Count; cell++)
        {
            if (!cells[cell].TryGetProperty("outputs", out var outputs))
                continue;
            foreach (var output in outputs.EnumerateArray())
            {
                switch (output.GetProperty("output_type").GetString())
                {
                    case "error":
                        problems.Add($"cell {cell + 1}: {output.GetProperty("ename").GetString()}: {output.GetProperty("evalue").GetString()}");
                        break;
                    case "stream":
                        var text = MultilineText(output.GetProperty("text"));
                        if (output.GetProperty("name").GetString() == "stderr")
                            problems.Add($"cell {cell + 1}: standard error: {text}");
                        else if (PrintedException().IsMatch(text))
                            problems.Add($"cell {cell + 1}: printed an exception: {text}");
                        shown.AppendLine(text);
                        break;
                    default:
                        foreach (var value in output.GetProperty("data").EnumerateObject())
                            shown.AppendLine(MultilineText(value.Value));
                        break;
                }
            }
        }
        return new ExecutedNotebook(problems, shown.ToString());
    }

    // nbformat stores multi-line text either as one string or as a list of lines.
    private static string MultilineText(JsonElement text) =>
        text.ValueKind == JsonValueKind.Array ? string.Concat(text.EnumerateArray().Select(line => line.GetString())) : text.GetString() ?? "";

    [GeneratedRegex(@"^\s*(?:---> )?[A-Za-z_][\w.]*Exception(?::|\r?$)", RegexOptions.Multiline)]
    private static partial Regex PrintedException();
}
