using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Scoring.Bundles;

/// <summary>Reads a file to be scored exactly as the bundle's training file was read.</summary>
public static class BundleInput
{
    /// <summary>
    /// Reads the columns the bundle needs, each with the kind it had in training (so a categorical "02134" stays
    /// "02134" however the file's values look), and the columns named in <paramref name="keep"/>; the rest are skipped.
    /// </summary>
    public static DataTable Read(ModelBundle bundle, string path, IReadOnlyCollection<string> keep)
    {
        var header = CsvTableReader.ReadHeader(path);
        var needed = new HashSet<string>(BundleScorer.InputColumns(bundle).Concat(keep), StringComparer.Ordinal);
        var kinds = BundleScorer.ColumnKinds(bundle).Where(k => header.Contains(k.Key)).ToDictionary(k => k.Key, k => k.Value);
        return CsvTableReader.Read(path, new CsvReadOptions
        {
            MissingTokens = bundle.Manifest.Missing,
            KindOverrides = kinds,
            SkipColumns = new HashSet<string>(header.Where(h => !needed.Contains(h)), StringComparer.Ordinal),
        });
    }
}
