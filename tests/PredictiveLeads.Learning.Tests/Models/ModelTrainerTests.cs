using PredictiveLeads.Learning.Boosting;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Training;

namespace PredictiveLeads.Learning.Tests.Models;

public sealed class ModelTrainerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private DataTable Leads(string extraColumn = "")
    {
        var text = SyntheticData.Leads(5000, seed: 31);
        if (extraColumn.Length > 0)
        {
            var lines = text.TrimEnd('\n').Split('\n');
            text = string.Join('\n', lines.Select((line, i) => line + "," + (i == 0 ? extraColumn : i % 97 == 0 ? "" : "same"))) + "\n";
        }
        return CsvTableReader.Read(_temp.Write("leads.csv", text));
    }

    private static TrainingOptions Options(LearnerKind learner = LearnerKind.LightGbm) => new()
    {
        Label = "converted", IdColumn = "Lead Id", Learner = learner,
        Boosting = new BoostingOptions { Trees = 150, LearningRate = 0.1, Threads = 2 },
    };

    [Fact]
    public void Importance_ranks_the_features_that_drive_conversion_first()
    {
        var result = new ModelTrainer(Options()).Train(Leads());

        var top = result.Importance.Take(3).Select(i => i.Feature).ToList();
        Assert.Contains("demo", top);
        Assert.Contains("seniority", top);
        Assert.True(result.Importance.Single(i => i.Feature == "created_at:day_of_week").PermutationAucDrop < 0.01);
        Assert.Equal(1.0, result.Importance.Sum(i => i.GainShare), 9);
    }

    [Fact]
    public void Logistic_regression_is_a_working_second_learner()
    {
        var result = new ModelTrainer(Options(LearnerKind.LogisticRegression)).Train(Leads());

        Assert.Equal(LearnerKind.LogisticRegression, result.Model.Learner);
        Assert.InRange(result.Validation.RocAuc, 0.7, 1);
    }

    [Fact]
    public void Columns_without_information_are_left_out_and_reported()
    {
        var result = new ModelTrainer(Options()).Train(Leads(extraColumn: "constant"));

        // One value plus some missing still says something (whether it is missing), so that column stays.
        Assert.Contains(result.Model.Pipeline.Features, f => f.Name == "constant");
        var table = CsvTableReader.Read(_temp.Write("c.csv", "a,b,converted\n1,x,0\n2,x,1\n3,x,0\n4,x,1\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"{i},x,{i % 2}\n"))));
        var constant = new ModelTrainer(Options() with { IdColumn = null }).Train(table);
        Assert.Contains(constant.Notes, n => n.Contains("column 'b' left out: it has the same value in every row"));
    }

    [Fact]
    public void Rows_without_a_label_are_counted_and_skipped()
    {
        var text = SyntheticData.Leads(2000, seed: 32);
        var lines = text.TrimEnd('\n').Split('\n');
        for (var i = 1; i < lines.Length; i += 10)
            lines[i] = lines[i][..lines[i].LastIndexOf(',')] + ",";
        var table = CsvTableReader.Read(_temp.Write("u.csv", string.Join('\n', lines) + "\n"));

        var result = new ModelTrainer(Options()).Train(table);

        Assert.Equal(200, result.UnlabelledRows);
        Assert.Equal(1800, result.TrainingRows + result.ValidationRows);
    }
}
