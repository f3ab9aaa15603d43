namespace PredictiveLeads.Trainer.Commands;

/// <summary>Helpers for option values that are lists.</summary>
internal static class OptionParsing
{
    /// <summary>Splits comma-separated values (an option may also be repeated); trims and drops empty entries.</summary>
    public static List<string> List(IEnumerable<string>? values) =>
        values is null ? [] : [.. values.SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0)];
}
