using Microsoft.Data.Analysis;
using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Learning.Tests.Data;

public sealed class DataFrameConversionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Keeps_column_order_kinds_values_and_missing_values()
    {
        var path = _temp.Write("leads.csv",
            "amount,converted,source,created\n" +
            "1.5,yes,web,2024-03-01 14:30:00\n" +
            ",no,,2024-03-02\n" +
            "-2,,partner,\n");

        var frame = CsvTableReader.Read(path).ToDataFrame();

        Assert.Equal(["amount", "converted", "source", "created"], frame.Columns.Select(c => c.Name));
        Assert.Equal(3, frame.Rows.Count);
        var amount = Assert.IsType<DoubleDataFrameColumn>(frame.Columns["amount"]);
        Assert.Equal([1.5, null, -2.0], amount);
        var converted = Assert.IsType<BooleanDataFrameColumn>(frame.Columns["converted"]);
        Assert.Equal([true, false, null], converted);
        var source = Assert.IsType<StringDataFrameColumn>(frame.Columns["source"]);
        Assert.Equal(["web", null, "partner"], source);
        var created = Assert.IsType<DateTimeDataFrameColumn>(frame.Columns["created"]);
        Assert.Equal([new DateTime(2024, 3, 1, 14, 30, 0, DateTimeKind.Utc), new DateTime(2024, 3, 2, 0, 0, 0, DateTimeKind.Utc), null], created);
    }

    [Fact]
    public void Converts_selected_rows_in_their_new_order()
    {
        var path = _temp.Write("rows.csv", "id,score\na,1\nb,2\nc,3\n");

        var frame = CsvTableReader.Read(path).Select([2, 0]).ToDataFrame();

        Assert.Equal(["c", "a"], (StringDataFrameColumn)frame.Columns["id"]);
        Assert.Equal([3.0, 1.0], (DoubleDataFrameColumn)frame.Columns["score"]);
    }
}
