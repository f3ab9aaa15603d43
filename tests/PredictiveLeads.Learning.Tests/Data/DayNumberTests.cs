using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Learning.Tests.Data;

public sealed class DayNumberTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("2025-03-01T10:00:00+02:00", "2025-03-01T08:00:00Z")]
    [InlineData("2025-03-01", "2025-03-01T00:00:00Z")]
    [InlineData("2025-06-30 17:58:48", "2025-06-30T17:58:48Z")]
    [InlineData("2024-02-29T23:59:59.123-05:30", "2024-03-01T05:29:59.123Z")]
    [InlineData("2031-12-31T23:59:59.999Z", "2031-12-31T23:59:59.999Z")]
    public void A_date_read_from_a_csv_is_written_as_the_same_instant_and_reads_back_as_the_same_value(string text, string written)
    {
        var table = CsvTableReader.Read(_temp.Write("d.csv", $"when\n{text}\n"));
        var column = (NumericColumn)table["when"];

        Assert.Equal(ColumnKind.DateTime, column.Kind);
        Assert.Equal(written, column.FormatValue(0));
        Assert.True(FieldParser.TryParseDate(column.FormatValue(0), out var again));
        Assert.Equal(column.Values[0], again);
    }

    [Theory]
    [InlineData("2025-03-01T08:00:00.0004321Z")]
    [InlineData("2031-12-31T23:59:59.9999999Z")]
    public void Finer_than_a_millisecond_the_text_may_change_but_it_reads_back_as_the_same_value(string text)
    {
        Assert.True(FieldParser.TryParseDate(text, out var days));

        Assert.True(FieldParser.TryParseDate(DayNumber.Format(days), out var again));
        Assert.Equal(days, again);
    }

    [Fact]
    public void Every_millisecond_of_a_day_survives_the_trip()
    {
        var start = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(2));
        for (var ms = 0; ms < 86_400_000; ms += 997)
        {
            var moment = start.AddMilliseconds(ms);
            var days = DayNumber.From(moment);
            Assert.Equal(moment.UtcDateTime, DayNumber.ToDateTime(days));
            Assert.True(FieldParser.TryParseDate(DayNumber.Format(days), out var again));
            Assert.Equal(days, again);
        }
    }
}
