using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Preprocessing;

namespace PredictiveLeads.Learning.Tests.Preprocessing;

/// <summary>Every way a row reaches the pipeline (a table's row, a lead parsed from text, numbers that never were text) gives the same features.</summary>
public sealed class FeaturePipelineRowTests
{
    private static DataTable Table(bool withCategory)
    {
        var rows = Enumerable.Range(0, 60).ToArray();
        var columns = new List<DataColumn>
        {
            new NumericColumn("contacts", ColumnKind.Numeric, [.. rows.Select(r => r % 7 == 0 ? double.NaN : r * 0.37)]),
            new NumericColumn("any_demo", ColumnKind.Boolean, [.. rows.Select(r => (double)(r % 2))]),
            new NumericColumn("created", ColumnKind.DateTime, [.. rows.Select(r => 20_000 + r / 3.0)]),
        };
        if (withCategory)
            columns.Add(new CategoricalColumn("industry", [.. rows.Select(r => r % 3)], ["Software", "Retail", "Energy"]));
        return new DataTable("accounts", columns, [.. rows.Select(r => (long)r + 2)]);
    }

    private static FeaturePipeline Fit(DataTable table) =>
        FeaturePipeline.Fit(table, table.Columns.Select(c => c.Name), [.. Enumerable.Range(0, table.RowCount)], [], new PreprocessingOptions(), []);

    [Fact]
    public void A_table_row_gives_the_features_of_the_whole_table_transform()
    {
        var table = Table(withCategory: true);
        var pipeline = Fit(table);
        var matrix = pipeline.Transform(table);
        var expected = new double[pipeline.Features.Count];
        var actual = new double[pipeline.Features.Count];

        for (var row = 0; row < table.RowCount; row++)
        {
            matrix.CopyRow(row, expected);
            pipeline.Transform(new TableRow(table) { Row = row }, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void A_lead_parsed_from_text_gives_the_features_of_the_same_lead_in_a_file()
    {
        var table = Table(withCategory: true);
        var pipeline = Fit(table);
        var parser = new RowParser(pipeline.ColumnKinds, pipeline.MissingTokens);
        var fromTable = new double[pipeline.Features.Count];
        var fromText = new double[pipeline.Features.Count];

        pipeline.Transform(new TableRow(table) { Row = 4 }, fromTable);
        var lead = parser.Parse(new Dictionary<string, string?>
        {
            ["contacts"] = "1.48", ["any_demo"] = "no", ["created"] = "2024-10-05T10:00:00+02:00", ["industry"] = " Retail ",
        });
        pipeline.Transform(lead, fromText);

        Assert.Empty(lead.Problems);
        Assert.Equal(fromTable, fromText);
    }

    [Fact]
    public void Rows_of_parsers_with_other_fields_give_each_its_own_features()
    {
        var table = Table(withCategory: true);
        var pipeline = Fit(table);
        var kinds = pipeline.ColumnKinds;
        // One parser knows every column; the other lists them in another order and does not know "industry" at all
        // (it keeps it as text), so the same column sits in another slot or in none.
        var full = new RowParser(kinds, pipeline.MissingTokens);
        var partial = new RowParser(kinds.Where(k => k.Key != "industry").Reverse().ToDictionary(), pipeline.MissingTokens);
        var text = new Dictionary<string, string?> { ["contacts"] = "1.48", ["any_demo"] = "no", ["created"] = "2024-10-05T10:00:00+02:00", ["industry"] = "Retail" };
        var expected = new double[pipeline.Features.Count];
        pipeline.Transform(new TableRow(table) { Row = 4 }, expected);

        for (var round = 0; round < 2; round++)
        {
            foreach (var parser in new[] { full, partial, full })
            {
                var actual = new double[pipeline.Features.Count];
                pipeline.Transform(parser.Parse(text), actual);
                Assert.Equal(expected, actual);
            }
        }
        var withoutIndustry = new double[pipeline.Features.Count];
        pipeline.Transform(partial.Parse(text.Where(f => f.Key != "industry").ToDictionary()), withoutIndustry);
        Assert.True(double.IsNaN(withoutIndustry[^1]));
    }

    [Fact]
    public void Numbers_that_never_were_text_give_the_features_of_the_same_values_in_a_table()
    {
        var table = Table(withCategory: false);
        var pipeline = Fit(table);
        var fromTable = new double[pipeline.Features.Count];
        var fromNumbers = new double[pipeline.Features.Count];

        pipeline.Transform(new TableRow(table) { Row = 7 }, fromTable);
        var values = table.Columns.Cast<NumericColumn>().ToDictionary(c => c.Name, c => c.Values[7]);
        var row = new ParsedRow(values.ToDictionary(v => v.Key, v => ParsedValue.OfNumber(table[v.Key].Kind, v.Value)), new Dictionary<string, string?>(), []);
        pipeline.Transform(row, fromNumbers);

        Assert.Equal(fromTable, fromNumbers);
    }

    [Fact]
    public void Every_field_that_does_not_fit_its_kind_is_collected_and_nothing_throws()
    {
        var pipeline = Fit(Table(withCategory: true));
        var parser = new RowParser(pipeline.ColumnKinds, pipeline.MissingTokens);

        var lead = parser.Parse(new Dictionary<string, string?> { ["contacts"] = "many", ["any_demo"] = "maybe", ["created"] = "yesterday", ["industry"] = "42" });

        Assert.Equal(["contacts", "any_demo", "created"], lead.Problems.Select(p => p.Field));
        Assert.Contains("expected a number, found 'many'", lead.Problems[0].Problem);
        Assert.Equal("42", lead["industry"].Text);
    }

    [Fact]
    public void A_category_given_as_a_number_is_refused_naming_the_column()
    {
        var pipeline = Fit(Table(withCategory: true));

        var error = Assert.Throws<ArgumentException>(() => pipeline.Transform(ParsedRow.OfNumbers(new Dictionary<string, double> { ["industry"] = 1 }), new double[pipeline.Features.Count]));

        Assert.Contains("'industry'", error.Message);
    }
}
