namespace PredictiveLeads.Learning.Data;

/// <summary>
/// Bad input data. The message always names the file and, where known, the line and column,
/// and says what was expected, so it can be shown to a user as it is.
/// </summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string message) : base(message) { }

    public DataFormatException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Builds the message in the one shape used everywhere: "file:line: column 'x': problem".</summary>
    public static DataFormatException At(string file, long line, string? column, string problem)
    {
        var where = line > 0 ? $"{file}:{line}" : file;
        var what = column is null ? problem : $"column '{column}': {problem}";
        return new DataFormatException($"{where}: {what}");
    }
}
