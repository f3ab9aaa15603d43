namespace PredictiveLeads.Api.Tests;

/// <summary>The committed sample export's first rows as the fields of scoring requests: column → text, null when empty.</summary>
internal static class SampleLeads
{
    public static List<Dictionary<string, object?>> First(int count)
    {
        var sample = File.ReadLines(Path.Combine(RepositoryRoot.Path, "training-data", "sample-leads.csv")).Take(count + 1).ToList();
        var header = sample[0].Split(',');
        return [.. sample.Skip(1).Select(line => header.Zip(line.Split(',')).ToDictionary(p => p.First, p => (object?)(p.Second.Length == 0 ? null : p.Second)))];
    }
}
