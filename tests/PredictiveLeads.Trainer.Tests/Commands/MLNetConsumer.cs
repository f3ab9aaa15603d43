using Microsoft.ML;
using Microsoft.ML.Data;

namespace PredictiveLeads.Trainer.Tests.Commands;

/// <summary>The README's consumer: a program that knows only ML.NET scores a raw CSV export with a bundle's model file.</summary>
public static class MLNetConsumer
{
    public static float[] Probabilities(string modelFile, string csv)
    {
        var ml = new MLContext();
        var model = ml.Model.Load(modelFile, out var inputSchema);
        var header = File.ReadLines(csv).First().Split(',');
        var loader = ml.Data.CreateTextLoader(new TextLoader.Options
        {
            HasHeader = true, Separators = [','], AllowQuoting = true, MissingRealsAsNaNs = true,
            Columns = [.. inputSchema.Select(c => new TextLoader.Column(c.Name, c.Type == NumberDataViewType.Single ? DataKind.Single
                : c.Type == DateTimeDataViewType.Instance ? DataKind.DateTime : DataKind.String, Array.IndexOf(header, c.Name)))],
        });
        return [.. model.Transform(loader.Load(csv)).GetColumn<float>("Probability")];
    }
}
