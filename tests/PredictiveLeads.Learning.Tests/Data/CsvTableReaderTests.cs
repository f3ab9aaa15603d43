using System.Text;
using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Learning.Tests.Data;

public sealed class CsvTableReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    public void Detects_the_delimiter(char delimiter)
    {
        var path = _temp.Write("d.csv", $"a{delimiter}b{delimiter}c\n1{delimiter}x{delimiter}2.5\n2{delimiter}y{delimiter}3\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal(["a", "b", "c"], table.Columns.Select(c => c.Name));
        Assert.Equal(2.5, ((NumericColumn)table["c"]).Values[0]);
    }

    [Fact]
    public void Reads_bom_crlf_and_quoted_fields_with_delimiters_quotes_and_newlines()
    {
        var content = "id,note,amount\r\n1,\"Banking, Insurance\",3\r\n2,\"says \"\"hi\"\"\",4\r\n3,\"two\r\nlines\",5\r\n";
        var path = _temp.File("q.csv");
        File.WriteAllBytes(path, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(content)]);

        var table = CsvTableReader.Read(path);

        var note = (CategoricalColumn)table["note"];
        Assert.Equal("id", table.Columns[0].Name);
        Assert.Equal(["Banking, Insurance", "says \"hi\"", "two\r\nlines"], Enumerable.Range(0, 3).Select(note.FormatValue));
        Assert.Equal([3.0, 4, 5], ((NumericColumn)table["amount"]).Values);
        Assert.Equal([2L, 3, 4], table.LineNumbers);
    }

    [Fact]
    public void Drops_a_trailing_empty_column()
    {
        var path = _temp.Write("t.csv", "a,b,\n1,2,\n3,4,\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal(["a", "b"], table.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Infers_column_kinds_from_all_values()
    {
        var path = _temp.Write("k.csv",
            "num,flag,yesno,cat,when,mixed\n" +
            "1.5,0,Yes,red,2024-01-02,5\n" +
            "-2,1,no,blue,2024-03-04 10:20:30,6\n" +
            "3e2,1,YES,red,2024-05-06T07:08:09Z,seven\n");

        var table = CsvTableReader.Read(path);

        Assert.Equal(ColumnKind.Numeric, table["num"].Kind);
        Assert.Equal(ColumnKind.Boolean, table["flag"].Kind);
        Assert.Equal(ColumnKind.Boolean, table["yesno"].Kind);
        Assert.Equal(ColumnKind.Categorical, table["cat"].Kind);
        Assert.Equal(ColumnKind.DateTime, table["when"].Kind);
        Assert.Equal(ColumnKind.Categorical, table["mixed"].Kind);
        Assert.Equal([1.0, 0, 1], ((NumericColumn)table["yesno"]).Values);
        Assert.Equal(new DateTime(2024, 3, 4, 10, 20, 30, DateTimeKind.Utc), DateTime.UnixEpoch.AddDays(((NumericColumn)table["when"]).Values[1]));
    }

    [Fact]
    public void Treats_standard_and_named_tokens_as_missing()
    {
        var path = _temp.Write("m.csv", "x,city\n1,Select\nNA,Pune\nn/a,\nnull,unknown\n5,Pune\n");

        var table = CsvTableReader.Read(path, new CsvReadOptions { MissingTokens = ["Select", "Unknown"] });

        var x = ((NumericColumn)table["x"]).Values;
        Assert.Equal(1, x[0]);
        Assert.True(double.IsNaN(x[1]) && double.IsNaN(x[2]) && double.IsNaN(x[3]));
        var city = (CategoricalColumn)table["city"];
        Assert.Equal(["Pune"], city.Levels);
        Assert.Equal([-1, 0, -1, -1, 0], city.Codes);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("a,b,label\n", "header line but no data rows")]
    [InlineData("a,b,label\n1,2,0\n1,2\n", ":3: has 2 fields but the header has 3")]
    [InlineData("a,b,label\n1,2,0\n1,\"unterminated,0\n3,4,1\n", "never closed")]
    [InlineData("a,a,label\n1,2,0\n", "appears twice")]
    public void Reports_bad_files_with_file_line_and_problem(string content, string expected)
    {
        var path = _temp.Write("bad.csv", content);

        var error = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Rejects_binary_garbage()
    {
        var path = _temp.File("garbage.csv");
        File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF, 0xFE, 0x00, 0x10]);

        var error = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path));

        Assert.Contains("not a text CSV file", error.Message);
    }

    [Fact]
    public void Reports_a_missing_file()
    {
        var error = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(_temp.File("nope.csv")));

        Assert.Contains("file not found", error.Message);
    }

    [Fact]
    public void Reports_a_value_that_does_not_fit_an_overridden_kind()
    {
        var path = _temp.Write("o.csv", "a,b\n1,x\n2,y\nthree,z\n");

        var error = Assert.Throws<DataFormatException>(() =>
            CsvTableReader.Read(path, new CsvReadOptions { KindOverrides = new Dictionary<string, ColumnKind> { ["a"] = ColumnKind.Numeric } }));

        Assert.Contains(":4: column 'a': expected a number, found 'three'", error.Message);
    }

    [Fact]
    public void Reads_the_same_table_with_any_number_of_threads_across_blocks()
    {
        // Three blocks of rows and a bit: levels first seen in later blocks, quoted newlines, missing values, dates and a comment column skipped.
        var text = new StringBuilder("id,city,amount,seen,note\n");
        for (var i = 0; i < 20_000; i++)
            text.Append($"{i},{(i % 7 == 3 ? "" : $"c{i % 97 * (i / 5_000 + 1)}")},{(i % 11 == 0 ? "NA" : (i * 0.25).ToString(System.Globalization.CultureInfo.InvariantCulture))},2024-{1 + i % 12:00}-{1 + i % 28:00},\"n\n{i}\"\n");
        var path = _temp.Write("big.csv", text.ToString());
        var options = new CsvReadOptions { SkipColumns = new HashSet<string> { "note" } };

        var one = CsvTableReader.Read(path, options with { Threads = 1 });
        var four = CsvTableReader.Read(path, options with { Threads = 4 });

        Assert.Equal(20_000, one.RowCount);
        Assert.Equal(["id", "city", "amount", "seen"], four.Columns.Select(c => c.Name));
        Assert.Equal(one.LineNumbers, four.LineNumbers);
        Assert.Equal(2L + 2 * 19_999, four.LineNumbers[^1]);
        var (cityOne, cityFour) = ((CategoricalColumn)one["city"], (CategoricalColumn)four["city"]);
        Assert.Equal(cityOne.Levels, cityFour.Levels);
        Assert.Equal(cityOne.Codes, cityFour.Codes);
        Assert.Equal("c3", cityFour.Levels[cityFour.Codes[100]]);
        Assert.Equal("c260", cityFour.Levels[cityFour.Codes[15_003]]);
        Assert.Equal(CategoricalColumn.MissingCode, cityFour.Codes[3]);
        Assert.Equal(((NumericColumn)one["amount"]).Values, ((NumericColumn)four["amount"]).Values);
        Assert.Equal(19_999 * 0.25, ((NumericColumn)four["amount"]).Values[19_999]);
        Assert.True(double.IsNaN(((NumericColumn)four["amount"]).Values[11_000]));
        Assert.Equal(ColumnKind.DateTime, four["seen"].Kind);
        Assert.Equal(((NumericColumn)one["seen"]).Values, ((NumericColumn)four["seen"]).Values);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Reports_the_first_bad_value_in_file_order_whatever_the_threads(int threads)
    {
        // Column b goes wrong in a later row of the same block than column c, and column a in a later block.
        var text = new StringBuilder("a,b,c\n");
        for (var i = 0; i < 20_000; i++)
            text.Append($"{(i == 15_000 ? "x" : i)},{(i == 9_000 ? "y" : i)},{(i == 8_500 ? "z" : i)}\n");
        var path = _temp.Write("bad.csv", text.ToString());
        var numbers = new Dictionary<string, ColumnKind> { ["a"] = ColumnKind.Numeric, ["b"] = ColumnKind.Numeric, ["c"] = ColumnKind.Numeric };

        var error = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path, new CsvReadOptions { KindOverrides = numbers, Threads = threads }));

        Assert.EndsWith($"bad.csv:{8_502}: column 'c': expected a number, found 'z'", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Reports_a_short_row_in_a_later_block_whatever_the_threads(int threads)
    {
        var text = new StringBuilder("a,b\n");
        for (var i = 0; i < 12_000; i++)
            text.Append(i == 11_000 ? "1\n" : $"{i},{i}\n");
        var path = _temp.Write("short.csv", text.ToString());

        var error = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path, new CsvReadOptions { Threads = threads }));

        Assert.Contains("short.csv:11002: ", error.Message);
        Assert.Contains("has 1 fields but the header has 2", error.Message);
    }
}
