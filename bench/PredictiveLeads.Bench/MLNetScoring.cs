using Microsoft.ML;
using Microsoft.ML.Data;

namespace PredictiveLeads.Bench;

/// <summary>
/// ML.NET's own batch scoring of the model file we write, as a program that knows only ML.NET would run it (the
/// README's consumer): the test CSV loaded through the model's input schema and cached in memory first, so the timing
/// is the pipeline's transforms, trees and calibration, not the CSV. One cursor, so one thread.
/// </summary>
internal static class MLNetScoring
{
    public static long RowsPerSecond(byte[] modelFile, string csv, Func<Action, double> medianSeconds)
    {
        var ml = new MLContext(seed: 1);
        using var stream = new MemoryStream(modelFile);
        var model = ml.Model.Load(stream, out var inputSchema);
        var header = CsvHeader(csv);
        var loader = ml.Data.CreateTextLoader(new TextLoader.Options
        {
            HasHeader = true, Separators = [','], AllowQuoting = true, MissingRealsAsNaNs = true,
            Columns = [.. inputSchema.Select(c => new TextLoader.Column(c.Name, c.Type == NumberDataViewType.Single ? DataKind.Single
                : c.Type == DateTimeDataViewType.Instance ? DataKind.DateTime : DataKind.String, Array.IndexOf(header, c.Name)))],
        });
        var rows = ml.Data.Cache(loader.Load(csv));
        var count = 0;
        var seconds = medianSeconds(() => count = model.Transform(rows).GetColumn<float>("Probability").Count());
        return (long)(count / seconds);
    }

    private static string[] CsvHeader(string csv)
    {
        using var reader = new StreamReader(csv);
        return [.. (reader.ReadLine() ?? "").Split(',').Select(name => name.Trim('"'))];
    }
}
