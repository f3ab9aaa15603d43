using System.Globalization;

namespace PredictiveLeads.Scoring.Recording;

/// <summary>
/// The texts the service stores as given (lead and account ids, disqualification reasons): bounded in length, and free
/// of control characters and of the bidirectional formatting characters that make a stored text display as another.
/// </summary>
public static class StoredText
{
    public const int MaxIdLength = 256;
    public const int MaxReasonLength = 1_000;

    /// <summary>What is wrong with an id, or null when it can be stored.</summary>
    public static string? IdProblem(string? id) => Problem(id, MaxIdLength);

    /// <summary>What is wrong with a free-text reason, or null when it can be stored.</summary>
    public static string? ReasonProblem(string? reason) => Problem(reason, MaxReasonLength);

    private static string? Problem(string? text, int maxLength)
    {
        if (text is null)
            return null;
        if (text.Length > maxLength)
            return string.Create(CultureInfo.InvariantCulture, $"is {text.Length:N0} characters long; at most {maxLength:N0}");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
                return string.Create(CultureInfo.InvariantCulture, $"holds a control character (U+{(int)c:X4}) at position {i + 1}; these are refused");
            if (IsBidirectionalFormatting(c))
                return string.Create(CultureInfo.InvariantCulture, $"holds a bidirectional formatting character (U+{(int)c:X4}) at position {i + 1}; these are refused");
        }
        return null;
    }

    /// <summary>The marks, embeddings, overrides and isolates of the Unicode bidirectional algorithm.</summary>
    private static bool IsBidirectionalFormatting(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
