using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Bundles;

namespace PredictiveLeads.Trainer.Commands;

/// <summary>Reads a file to be scored exactly as the bundle's training file was read.</summary>
internal static class ScoringInput
{
    /// <summary>Reads the columns the bundle needs (with their training kinds) and <paramref name="keep"/>.</summary>
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
