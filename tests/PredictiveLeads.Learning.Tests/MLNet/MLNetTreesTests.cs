using System.IO.Compression;
using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Explain;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Serialization;
using PredictiveLeads.Learning.Tests.Explain;
using PredictiveLeads.Learning.Training;

namespace PredictiveLeads.Learning.Tests.MLNet;

/// <summary>Trees grown by LightGBM through ML.NET, compiled into ours: explained exactly, saved and loaded, refused when damaged.</summary>
public sealed class MLNetTreesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private (BinaryModel Model, DataTable Table) Train(LearnerKind learner = LearnerKind.LightGbm)
    {
        var table = CsvTableReader.Read(_temp.Write("leads.csv", SyntheticData.Leads(2000, seed: 5)));
        var options = new TrainingOptions
        {
            Label = "converted", IdColumn = "Lead Id", Learner = learner,
            Boosting = new() { Trees = 20, MaxLeaves = 8, Threads = 1, EarlyStoppingRounds = 0 },
        };
        return (new ModelTrainer(options).Train(table).Model, table);
    }

    [Fact]
    public void TreeSHAP_on_an_ML_NET_ensemble_equals_brute_force_Shapley_values_and_sums_to_the_margin()
    {
        var (model, table) = Train();
        var ensemble = model.Ensemble!;
        var matrix = model.Pipeline.Transform(table);
        var shap = new TreeShap(ensemble);
        var row = new double[matrix.FeatureCount];
        Assert.Contains(ensemble.Trees, t => t.CategoryOffset.Any(o => o >= 0));
        Assert.Equal(8, row.Length);

        foreach (var r in new[] { 0, 1, 2, 17, 123, 1999 })
        {
            matrix.CopyRow(r, row);
            var phi = new double[row.Length];
            shap.Explain(row, phi);

            var expected = new double[row.Length];
            foreach (var tree in ensemble.Trees.Where(t => t.NodeCount > 0))
            {
                var values = ShapleyBruteForce.Values(tree, row);
                for (var f = 0; f < row.Length; f++)
                    expected[f] += values[f];
            }
            for (var f = 0; f < row.Length; f++)
                Assert.Equal(expected[f], phi[f], 9);
            Assert.Equal(model.PredictMargin(row) - shap.ExpectedMargin, phi.Sum(), 9);
        }
    }

    [Theory]
    [InlineData(LearnerKind.LightGbm)]
    public void A_saved_model_file_loads_into_the_same_model_and_predictions(LearnerKind learner)
    {
        var (model, table) = Train(learner);
        var path = _temp.File("converted.model.json");

        ModelSerializer.Save(model, path);
        var loaded = ModelSerializer.Load(path);

        Assert.True(File.Exists(_temp.File("converted.mlnet.zip")));
        Assert.Equal(model.ModelFile, loaded.ModelFile);
        Assert.Equal(model.PredictProbabilities(table), loaded.PredictProbabilities(table));
        Assert.Equal(model.Ensemble?.Trees.Select(t => t.NodeCover.Sum()), loaded.Ensemble?.Trees.Select(t => t.NodeCover.Sum()));
        Assert.Equal(model.Logistic?.Weights, loaded.Logistic?.Weights);
        Assert.Equal(learner, loaded.Learner);
    }

    /// <summary>The same for the other learners; on the full run only, the default learner's case runs every time.</summary>
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(LearnerKind.FastTree)]
    [InlineData(LearnerKind.LogisticRegression)]
    public void A_saved_model_file_loads_into_the_same_model_and_predictions_with_the_other_learners(LearnerKind learner) => A_saved_model_file_loads_into_the_same_model_and_predictions(learner);

    [Fact]
    public void A_corrupt_a_foreign_or_a_mismatched_model_file_is_refused_naming_it()
    {
        var (model, _) = Train();
        var path = _temp.File("converted.model.json");
        var zip = _temp.File("converted.mlnet.zip");
        ModelSerializer.Save(model, path);
        var good = File.ReadAllBytes(zip);

        File.WriteAllBytes(zip, good[..(good.Length / 2)]);
        var truncated = Assert.Throws<ModelFormatException>(() => ModelSerializer.Load(path));
        Assert.Contains(zip, truncated.Message);
        Assert.Contains("expected the .mlnet.zip written by train", truncated.Message);

        using (var foreign = ZipFile.Open(zip + ".tmp", ZipArchiveMode.Create))
            foreign.CreateEntry("hello.txt");
        File.Move(zip + ".tmp", zip, overwrite: true);
        var notMLNet = Assert.Throws<ModelFormatException>(() => ModelSerializer.Load(path));
        Assert.Contains(zip, notMLNet.Message);

        var other = Train(LearnerKind.LightGbm).Model;
        var otherPath = _temp.File("other.model.json");
        ModelSerializer.Save(new BinaryModel
        {
            Label = other.Label, Learner = other.Learner, Pipeline = new PredictiveLeads.Learning.Preprocessing.FeaturePipeline(other.Pipeline.Columns.Take(3).ToList(), other.Pipeline.MissingTokens),
            Ensemble = other.Ensemble, Calibrator = other.Calibrator, ModelFile = good,
        }, otherPath);
        var mismatched = Assert.Throws<ModelFormatException>(() => ModelSerializer.Load(otherPath));
        Assert.Contains("does not belong to this model", mismatched.Message);

        File.Delete(zip);
        var missing = Assert.Throws<ModelFormatException>(() => ModelSerializer.Load(path));
        Assert.Contains("converted.mlnet.zip", missing.Message);
        Assert.Contains("not found", missing.Message);
    }
}
