using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;

namespace PredictiveLeads.Learning.Tests.Models;

public sealed class BinaryLabelTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Reads_yes_no_labels_as_one_and_zero()
    {
        var table = CsvTableReader.Read(_temp.Write("l.csv", "x,won\n1,Yes\n2,no\n3,\n"));

        var labels = BinaryLabel.Read(table, "won");

        Assert.Equal(1, labels[0]);
        Assert.Equal(0, labels[1]);
        Assert.True(double.IsNaN(labels[2]));
    }

    [Fact]
    public void Rejects_a_missing_label_column()
    {
        var table = CsvTableReader.Read(_temp.Write("l.csv", "x,y\n1,0\n"));

        var error = Assert.Throws<DataFormatException>(() => BinaryLabel.Read(table, "converted"));

        Assert.Contains("label column 'converted' is not in the file", error.Message);
    }

    [Fact]
    public void Rejects_a_label_with_more_than_two_values()
    {
        var table = CsvTableReader.Read(_temp.Write("l.csv", "x,stage\n1,0\n2,1\n3,2\n"));

        var error = Assert.Throws<DataFormatException>(() => BinaryLabel.Read(table, "stage"));

        Assert.Contains(":4: column 'stage': the label must be 0/1", error.Message);
        Assert.Contains("found '2'", error.Message);
    }

    [Fact]
    public void Rejects_text_labels()
    {
        var table = CsvTableReader.Read(_temp.Write("l.csv", "x,stage\n1,won\n2,lost\n3,open\n"));

        var error = Assert.Throws<DataFormatException>(() => BinaryLabel.Read(table, "stage"));

        Assert.Contains("3 distinct values", error.Message);
    }

    [Fact]
    public void Rejects_a_single_class()
    {
        var table = CsvTableReader.Read(_temp.Write("l.csv", "x,y\n1,1\n2,1\n"));
        var labels = BinaryLabel.Read(table, "y");

        var error = Assert.Throws<DataFormatException>(() => BinaryLabel.LabelledRows(table, "y", labels));

        Assert.Contains("every labelled row is 1", error.Message);
    }
}
