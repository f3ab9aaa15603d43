using System.Globalization;

namespace PredictiveLeads.Trainer.Tests.Commands;

/// <summary>Reads the score command's output.</summary>
public static class ScoreFile
{
    /// <summary>One column of a written scores CSV, as numbers.</summary>
    public static double[] Column(string csv, string name)
    {
        var lines = File.ReadAllLines(csv);
        var index = Array.IndexOf(lines[0].Split(','), name);
        return [.. lines.Skip(1).Select(line => double.Parse(line.Split(',')[index], CultureInfo.InvariantCulture))];
    }
}
