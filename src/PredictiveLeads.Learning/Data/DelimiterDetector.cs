namespace PredictiveLeads.Learning.Data;

/// <summary>Picks the delimiter that splits the header line into the most fields.</summary>
internal static class DelimiterDetector
{
    private static readonly char[] Candidates = [',', ';', '\t'];

    public static char Detect(string headerLine)
    {
        var best = ',';
        var bestCount = 0;
        foreach (var candidate in Candidates)
        {
            var count = CountOutsideQuotes(headerLine, candidate);
            if (count > bestCount)
            {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    private static int CountOutsideQuotes(string line, char delimiter)
    {
        var count = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
                quoted = !quoted;
            else if (c == delimiter && !quoted)
                count++;
        }
        return count;
    }
}
