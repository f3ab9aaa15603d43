using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Scoring.Bundles;

/// <summary>Reads a file to be scored exactly as the bundle's training file was read.</summary>
public static class BundleInput
{
    /// <summary>
    /// Reads the columns the bundle needs, each with the kind it had in training (so a categorical "02134" stays
    /// "02134" however the file's values look), and the columns named in <paramref name="keep"/>; the rest are skipped.
    /// </summary>
    /// <remarks>
    /// A file that lacks more than half of the columns the models read is refused, naming them: it is almost surely
    /// the wrong file or the wrong bundle, and scoring it would give every row nearly the same probability.
    /// <paramref name="allowMissingColumns"/> scores it anyway.
    /// </remarks>
    public static DataTable Read(ModelBundle bundle, string path, IReadOnlyCollection<string> keep, bool allowMissingColumns = false, int threads = 1)
    {
        var header = CsvTableReader.ReadHeader(path);
        var modelInputs = bundle.Models.Values.SelectMany(m => m.Pipeline.Columns.Select(c => c.Column)).Distinct().ToList();
        var absent = modelInputs.Where(c => !header.Contains(c)).ToList();
        if (!allowMissingColumns && absent.Count * 2 > modelInputs.Count)
        {
            throw new DataFormatException(
                $"{path}: {absent.Count} of the {modelInputs.Count} columns the models read are not in the file ({string.Join(", ", absent)}); " +
                "is this the bundle's kind of export? --allow-missing-columns scores it anyway, treating them as missing");
        }
        var needed = new HashSet<string>(BundleScorer.InputColumns(bundle).Concat(keep), StringComparer.Ordinal);
        var kinds = BundleScorer.ColumnKinds(bundle).Where(k => header.Contains(k.Key)).ToDictionary(k => k.Key, k => k.Value);
        return CsvTableReader.Read(path, new CsvReadOptions
        {
            MissingTokens = bundle.Manifest.Missing,
            KindOverrides = kinds,
            PreferredFormats = bundle.Manifest.ValueFormatsByColumn(),
            SkipColumns = new HashSet<string>(header.Where(h => !needed.Contains(h)), StringComparer.Ordinal),
            Threads = threads,
        });
    }
}
