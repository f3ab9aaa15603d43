using System.Globalization;
using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Learning.Tests.Data;

/// <summary>The shortcuts read numbers and dates exactly as the general parsers do, and leave them every other form.</summary>
public sealed class SimpleFormsTests
{
    private static readonly string[] IsoFormats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("+12")]
    [InlineData("5.")]
    [InlineData(".5")]
    [InlineData("-.25")]
    [InlineData("0.1")]
    [InlineData("0.082")]
    [InlineData("7154000")]
    [InlineData("999999999999999")]
    [InlineData("0.00000000000001")]
    [InlineData("123456789.012345")]
    [InlineData("00000000000000.5")]
    public void A_plain_decimal_reads_bit_for_bit_as_the_general_parser_reads_it(string text)
    {
        Assert.True(SimpleForms.TryDecimal(text, out var shortcut));

        var general = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(general), BitConverter.DoubleToInt64Bits(shortcut));
    }

    [Fact]
    public void Random_decimals_of_up_to_fifteen_digits_read_bit_for_bit_as_the_general_parser_reads_them()
    {
        var random = new Random(20261205);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.Next(1, 16);
            var whole = random.Next(0, digits + 1);
            var text = (random.Next(3) == 0 ? "-" : "") + string.Concat(Enumerable.Range(0, whole).Select(_ => (char)('0' + random.Next(10))))
                + (whole < digits ? "." + string.Concat(Enumerable.Range(0, digits - whole).Select(_ => (char)('0' + random.Next(10)))) : "");

            Assert.True(SimpleForms.TryDecimal(text, out var shortcut), text);
            var general = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(BitConverter.DoubleToInt64Bits(general) == BitConverter.DoubleToInt64Bits(shortcut), $"{text}: {shortcut:R} against {general:R}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1e6")]
    [InlineData("1,5")]
    [InlineData("1.2.3")]
    [InlineData("1 000")]
    [InlineData("0x10")]
    [InlineData("1234567890123456")]
    [InlineData("NaN")]
    public void Other_forms_are_left_to_the_general_parser(string text) => Assert.False(SimpleForms.TryDecimal(text, out _));

    [Theory]
    [InlineData("2024-01-01")]
    [InlineData("2024-02-29 23:59")]
    [InlineData("2024-01-01 08:21:41")]
    [InlineData("1970-01-01T00:00:00")]
    [InlineData("0001-01-01T00:00")]
    [InlineData("9999-12-31 23:59:59")]
    public void An_iso_date_reads_as_the_general_parser_reads_it(string text)
    {
        Assert.True(SimpleForms.TryIsoDate(text, out var shortcut));

        var general = DateTimeOffset.ParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        Assert.Equal(DayNumber.From(general), shortcut);
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    [InlineData("0000-01-01")]
    [InlineData("2024-01-01 24:00")]
    [InlineData("2024-01-01 12:60")]
    [InlineData("2024-01-01 12:00:60")]
    [InlineData("2024-01-01x12:00")]
    [InlineData("2024-01-01 12:00:00.5")]
    [InlineData("2024-01-01T12:00Z")]
    [InlineData("2024-1-01")]
    [InlineData("2024-01-0a")]
    [InlineData("2024-01-01 1:00:00")]
    public void Other_dates_are_left_to_the_general_parser(string text) => Assert.False(SimpleForms.TryIsoDate(text, out _));

    [Fact]
    public void The_field_parser_still_reads_the_forms_the_shortcuts_leave()
    {
        Assert.True(FieldParser.TryParseNumber(" 1e6 ", out var exponent));
        Assert.Equal(1e6, exponent);
        Assert.True(FieldParser.TryParseNumber("1234567890123456789", out var long_));
        Assert.Equal(1234567890123456789d, long_);
        Assert.True(FieldParser.TryParseDate("2024-01-01T12:00:00.5Z", out var fraction));
        Assert.Equal(DayNumber.From(new DateTimeOffset(2024, 1, 1, 12, 0, 0, 500, TimeSpan.Zero)), fraction);
        Assert.True(FieldParser.TryParseDate(" 2024-01-01 08:21:41 ", out var trimmed));
        Assert.Equal(DayNumber.From(new DateTimeOffset(2024, 1, 1, 8, 21, 41, TimeSpan.Zero)), trimmed);
        Assert.False(FieldParser.TryParseDate("2023-02-29", out _));
    }
}
