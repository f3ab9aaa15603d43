using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Common;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Serialization;
using PredictiveLeads.Learning.Training;
using PredictiveLeads.Learning.Trees;

namespace PredictiveLeads.Learning.Tests.Serialization;

public sealed class ModelPersistenceTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private TrainingResult Train(int threads, LearnerKind learner = LearnerKind.LightGbm)
    {
        var path = _temp.File("leads.csv");
        if (!File.Exists(path))
            File.WriteAllText(path, SyntheticData.Leads(4000, seed: 7));
        var table = CsvTableReader.Read(path);
        var options = new TrainingOptions
        {
            Label = "converted", IdColumn = "Lead Id", Learner = learner,
            Boosting = new BoostingOptions { Trees = 80, LearningRate = 0.1, Threads = threads, RowSampleRate = 0.8, FeatureSampleRate = 0.8, Seed = 3 },
        };
        return new ModelTrainer(options).Train(table);
    }

    [Theory]
    [InlineData(LearnerKind.LightGbm)]
    public void Training_twice_gives_the_same_bytes_and_a_saved_model_predicts_bit_identically(LearnerKind learner)
    {
        var model = Train(threads: 2, learner).Model;
        var again = Train(threads: 2, learner).Model;
        Assert.Equal(ModelSerializer.ToBytes(model, "m.mlnet.zip"), ModelSerializer.ToBytes(again, "m.mlnet.zip"));
        Assert.Equal(model.ModelFile, again.ModelFile);
        var path = _temp.File("model.json");

        ModelSerializer.Save(model, path);
        var loaded = ModelSerializer.Load(path);

        var table = CsvTableReader.Read(_temp.File("leads.csv"));
        var before = model.PredictProbabilities(model.Pipeline.Transform(table));
        var after = loaded.PredictProbabilities(loaded.Pipeline.Transform(table));
        Assert.Equal(before, after);
        Assert.Equal(model.ModelFile, File.ReadAllBytes(ModelSerializer.ModelFilePath(path)));
    }

    /// <summary>The same for the other learners; on the full run only, the default learner's case runs every time.</summary>
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(LearnerKind.FastTree)]
    [InlineData(LearnerKind.LogisticRegression)]
    public void Training_twice_gives_the_same_bytes_and_a_saved_model_predicts_bit_identically_with_the_other_learners(LearnerKind learner) => Training_twice_gives_the_same_bytes_and_a_saved_model_predicts_bit_identically(learner);

    [Fact]
    public void Scoring_a_raw_row_uses_the_training_transformation()
    {
        var model = Train(threads: 1).Model;
        var table = CsvTableReader.Read(_temp.File("leads.csv"));
        var fromTable = model.PredictProbabilities(model.Pipeline.Transform(table));

        // The sixth lead as the file writes it, every value still text.
        var asText = CsvTableReader.Read(_temp.File("leads.csv"), new CsvReadOptions
        {
            KindOverrides = table.Columns.ToDictionary(c => c.Name, _ => ColumnKind.Categorical),
        });
        var fields = asText.Columns.ToDictionary(c => c.Name, c => c.IsMissing(5) ? null : (string?)((CategoricalColumn)c).Levels[((CategoricalColumn)c).Codes[5]]);
        fields["demo"] = ((NumericColumn)table["demo"]).Values[5] == 1 ? "yes" : "NO";
        var lead = new RowParser(model.Pipeline.ColumnKinds, model.Pipeline.MissingTokens).Parse(fields);
        var features = new double[model.FeatureCount];
        Assert.Empty(lead.Problems);
        model.Pipeline.Transform(lead, features);

        Assert.Equal(fromTable[5], model.PredictProbability(features));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"format\":\"something-else\",\"formatVersion\":1}")]
    [InlineData("")]
    public void A_corrupt_model_file_is_refused_with_a_clear_message(string content)
    {
        var path = _temp.Write("model.json", content);

        var error = Assert.Throws<ModelFormatException>(() => ModelSerializer.Load(path));

        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void A_model_with_a_damaged_tree_is_refused()
    {
        // Trees stored in the document itself: a model of our retired boosting, which must still load.
        var legacy = Path.Combine(RepositoryRoot.Path, "tests", "PredictiveLeads.Trainer.Tests", "Fixtures", "before-mlnet", "own-trees", "became_sql.model.json");
        Assert.Equal(LearnerKind.GradientBoosting, ModelSerializer.Load(legacy).Learner);
        var path = _temp.File("model.json");
        var text = File.ReadAllText(legacy);
        var damaged = text.Replace("\"feature\":[", "\"feature\":[999,", StringComparison.Ordinal);
        File.WriteAllText(path, damaged);

        var error = Assert.Throws<ModelFormatException>(() => ModelSerializer.Load(path));

        Assert.Contains("tree 0", error.Message);
    }

    [Fact]
    public void A_model_split_at_more_values_than_the_compiled_forest_holds_is_refused_when_loaded()
    {
        var legacy = ModelSerializer.Load(Path.Combine(RepositoryRoot.Path, "tests", "PredictiveLeads.Trainer.Tests", "Fixtures", "before-mlnet", "own-trees", "became_sql.model.json"));
        var numeric = legacy.Pipeline.Features.ToList().FindIndex(f => f.Kind == Learning.Preprocessing.FeatureKind.Numeric);
        // A caterpillar on one numeric feature: node i sends values up to i to leaf i.
        const int splits = 300;
        var tree = new Learning.Trees.RegressionTree
        {
            Feature = [.. Enumerable.Repeat(numeric, splits)],
            Left = [.. Enumerable.Range(0, splits).Select(i => ~i)],
            Right = [.. Enumerable.Range(0, splits).Select(i => i + 1 < splits ? i + 1 : ~splits)],
            Threshold = [.. Enumerable.Range(0, splits).Select(i => (double)i)],
            DefaultLeft = new bool[splits],
            CategoryOffset = [.. Enumerable.Repeat(-1, splits)],
            CategoryWords = [],
            Gain = [.. Enumerable.Repeat(1.0, splits)],
            NodeCover = [.. Enumerable.Repeat(1.0, splits)],
            LeafValue = new double[splits + 1],
            LeafCover = [.. Enumerable.Repeat(1.0, splits + 1)],
        };
        var damaged = new BinaryModel
        {
            Label = legacy.Label, Learner = legacy.Learner, Pipeline = legacy.Pipeline, Calibrator = legacy.Calibrator,
            Ensemble = new TreeEnsemble(0, [tree], legacy.FeatureCount),
        };

        var error = Assert.Throws<ModelFormatException>(() => ModelSerializer.FromBytes(ModelSerializer.ToBytes(damaged), "big.model.json"));

        Assert.Contains("big.model.json", error.Message);
        Assert.Contains("split at 300 different values", error.Message);
    }

    [Fact]
    public void Validation_metrics_show_a_useful_calibrated_model()
    {
        var result = Train(threads: 2);

        Assert.InRange(result.Validation.RocAuc, 0.75, 1);
        Assert.InRange(result.Validation.ExpectedCalibrationError, 0, 0.08);
        Assert.Equal(800, result.ValidationRows);
    }
}
