using System.Globalization;

namespace PredictiveLeads.Testing;

/// <summary>
/// Rewrites a plain CSV export (commas, ISO dates, decimal points, no quoted fields) the way other CRMs and locales
/// write the same data, so a test can check that both read alike.
/// </summary>
public static class ExportVariants
{
    /// <summary>The first <paramref name="rows"/> data rows of a CSV file, with its header.</summary>
    public static string Head(string path, int rows) => string.Join('\n', File.ReadLines(path).Take(rows + 1)) + "\n";

    /// <summary>Each field of <paramref name="column"/> rewritten by <paramref name="rewrite"/> (missing fields are left empty).</summary>
    public static string MapColumn(string csv, string column, Func<string, string> rewrite, char delimiter = ',')
    {
        var lines = csv.TrimEnd('\n').Split('\n');
        var index = Array.IndexOf(lines[0].Split(delimiter), column);
        if (index < 0)
            throw new ArgumentException($"no column '{column}'", nameof(column));
        return string.Join('\n', lines.Select((line, i) =>
        {
            if (i == 0)
                return line;
            var fields = line.Split(delimiter);
            fields[index] = fields[index].Length == 0 ? "" : rewrite(fields[index]);
            return string.Join(delimiter, fields);
        })) + "\n";
    }

    /// <summary>2024-01-05 08:21:41 as 1/5/2024 8:21:41 (month first) or 5/1/2024 8:21:41 (day first).</summary>
    public static string SlashDate(string iso, bool monthFirst)
    {
        var moment = DateTime.Parse(iso, CultureInfo.InvariantCulture);
        return moment.ToString(monthFirst ? "M/d/yyyy H:mm:ss" : "d/M/yyyy H:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>2024-01-05 08:21:41 as Unix seconds.</summary>
    public static string UnixSeconds(string iso) =>
        new DateTimeOffset(DateTime.SpecifyKind(DateTime.Parse(iso, CultureInfo.InvariantCulture), DateTimeKind.Utc)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The whole file as a European export: ';' between fields and a decimal comma in every number.</summary>
    public static string DecimalCommas(string csv) => string.Join('\n', csv.TrimEnd('\n').Split('\n').Select((line, i) =>
        string.Join(';', line.Split(',').Select(field => i > 0 && double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? field.Replace('.', ',') : field)))) + "\n";
}
