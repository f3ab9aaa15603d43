using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Trainer.Commands;

/// <summary>Reads a file to be scored exactly as the model's training file was read.</summary>
internal static class ScoringInput
{
    /// <summary>
    /// Reads <paramref name="path"/> keeping the model's input columns (with their training kinds) and
    /// <paramref name="keep"/>; returns the table and its features. Columns the model needs but the file lacks are noted.
    /// </summary>
    public static (DataTable Table, FeatureMatrix Features) Read(BinaryModel model, string path, IReadOnlyCollection<string> keep, List<string> notes)
    {
        var header = CsvTableReader.ReadHeader(path);
        var needed = new HashSet<string>(model.Pipeline.Columns.Select(c => c.Column).Concat(keep), StringComparer.Ordinal);
        var kinds = model.Pipeline.ColumnKinds.Where(k => header.Contains(k.Key)).ToDictionary(k => k.Key, k => k.Value);
        var table = CsvTableReader.Read(path, new CsvReadOptions
        {
            MissingTokens = model.Pipeline.MissingTokens,
            KindOverrides = kinds,
            SkipColumns = new HashSet<string>(header.Where(h => !needed.Contains(h)), StringComparer.Ordinal),
        });
        return (table, model.Pipeline.Transform(table, notes));
    }
}
