using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Learning.Tests.Data;

public sealed class ValueFormatTests
{
    [Theory]
    [InlineData("12", "Integer")]
    [InlineData(" -12 ", "Integer")]
    [InlineData("+5", "Integer")]
    [InlineData("5.", "Point")]
    [InlineData(".5", "Point")]
    [InlineData("-0.25", "Point")]
    [InlineData("12.3456", "Point")]
    [InlineData("1e5", "Point")]
    [InlineData("1.234", "PointOrGroup")]
    [InlineData("-1.234", "PointOrGroup")]
    [InlineData("0.234", "Point")]
    [InlineData("1,234", "CommaOrGroup")]
    [InlineData("1.234,5", "DotGroups")]
    [InlineData(".", "None")]
    [InlineData("-", "None")]
    [InlineData("--5", "None")]
    [InlineData("5.5.5", "None")]
    [InlineData("1 2", "None")]
    [InlineData("1e999", "None")]
    public void A_number_is_shaped_the_same_with_or_without_a_parse(string text, string shape)
    {
        // Digits, with a sign and one point at most, are shaped without parsing; the rest are parsed first.
        Assert.Equal(shape, NumberText.Shape(text).ToString());
        Assert.Equal(NumberShape.Integer, NumberText.Shape(new string('7', 300)));
        Assert.Equal(NumberShape.None, NumberText.Shape(new string('7', 400)));
    }

    [Theory]
    [InlineData("0,687", ValueFormat.DecimalComma, 0.687)]
    [InlineData("1.234,5", ValueFormat.DecimalComma, 1234.5)]
    [InlineData("-12,25", ValueFormat.DecimalComma, -12.25)]
    [InlineData("1.234.567", ValueFormat.DecimalComma, 1234567)]
    [InlineData("1,234.5", ValueFormat.ThousandsComma, 1234.5)]
    [InlineData("1,234,567", ValueFormat.ThousandsComma, 1234567)]
    [InlineData("1,234", ValueFormat.ThousandsComma, 1234)]
    [InlineData("1,234", ValueFormat.DecimalComma, 1.234)]
    [InlineData("1.234", ValueFormat.DecimalComma, 1234)]
    [InlineData("1.234", ValueFormat.Standard, 1.234)]
    [InlineData("42", ValueFormat.DecimalComma, 42)]
    public void Numbers_are_read_in_their_format(string text, ValueFormat format, double expected)
    {
        Assert.True(new FieldParser().TryParse(ColumnKind.Numeric, text, out var value, format));
        Assert.Equal(expected, value, 12);
    }

    [Theory]
    [InlineData("0.5", ValueFormat.DecimalComma)]
    [InlineData("0,5", ValueFormat.Standard)]
    [InlineData("0,5", ValueFormat.ThousandsComma)]
    [InlineData("1,23,4", ValueFormat.ThousandsComma)]
    [InlineData("1.234,5", ValueFormat.ThousandsComma)]
    public void A_number_written_another_way_does_not_fit(string text, ValueFormat format) =>
        Assert.False(new FieldParser().TryParse(ColumnKind.Numeric, text, out _, format));

    [Theory]
    [InlineData("1/5/2024", ValueFormat.MonthFirst, "2024-01-05T00:00:00Z")]
    [InlineData("1/5/2024", ValueFormat.DayFirst, "2024-05-01T00:00:00Z")]
    [InlineData("01/05/24 14:30", ValueFormat.DayFirst, "2024-05-01T14:30:00Z")]
    [InlineData("12/31/2024 2:05:09 PM", ValueFormat.MonthFirst, "2024-12-31T14:05:09Z")]
    [InlineData("1.5.2024 08:00", ValueFormat.DayFirstDots, "2024-05-01T08:00:00Z")]
    [InlineData("1704412800", ValueFormat.UnixSeconds, "2024-01-05T00:00:00Z")]
    [InlineData("1704412800000", ValueFormat.UnixMilliseconds, "2024-01-05T00:00:00Z")]
    [InlineData("2024-01-05", ValueFormat.DayFirst, "2024-01-05T00:00:00Z")]
    public void Dates_are_read_in_their_format_and_ISO_in_any(string text, ValueFormat format, string expected)
    {
        Assert.True(new FieldParser().TryParse(ColumnKind.DateTime, text, out var days, format));
        Assert.Equal(expected, DayNumber.Format(days));
    }

    [Theory]
    [InlineData("13/1/2024", ValueFormat.MonthFirst)]
    [InlineData("2/30/2024", ValueFormat.MonthFirst)]
    [InlineData("1/5/2024 25:00", ValueFormat.MonthFirst)]
    [InlineData("1/5/202", ValueFormat.MonthFirst)]
    [InlineData("next tuesday", ValueFormat.DayFirst)]
    public void Dates_that_do_not_exist_or_fit_are_refused(string text, ValueFormat format) =>
        Assert.False(new FieldParser().TryParse(ColumnKind.DateTime, text, out _, format));

    [Fact]
    public void Ambiguous_dates_are_read_month_first_and_say_so()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("d.csv", "id,created\n1,1/2/2024\n2,3/4/2024\n3,5/6/2024\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal(ValueFormat.MonthFirst, table["created"].Format);
        Assert.Contains(table.ReadingNotes, n => n.Contains("no value settles the order", StringComparison.Ordinal));
    }

    [Fact]
    public void Columns_that_could_be_either_follow_the_file_s_decimal_commas()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("d.csv", "a;b\n0,5;1.250\n1,5;2.500\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal(ValueFormat.DecimalComma, table["b"].Format);
        Assert.Equal([1250.0, 2500.0], ((NumericColumn)table["b"]).Values);
        Assert.Contains(table.ReadingNotes, n => n.StartsWith("column 'b' is read as numbers with a decimal comma", StringComparison.Ordinal) && n.EndsWith("as column 'a' of this file writes decimal commas", StringComparison.Ordinal));
    }
}
