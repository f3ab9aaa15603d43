using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Learning.Tests.Data;

public sealed class RowParserTests
{
    private static readonly RowParser Parser = new(
        new Dictionary<string, ColumnKind> { ["employees"] = ColumnKind.Numeric, ["industry"] = ColumnKind.Categorical, ["created"] = ColumnKind.DateTime },
        ["n/a"]);

    [Fact]
    public void Known_fields_read_as_their_kind_other_fields_as_text_and_everything_else_as_missing()
    {
        var row = Parser.Parse(new Dictionary<string, string?>
        {
            ["employees"] = "45", ["industry"] = " Software ", ["created"] = "n/a", ["favourite_colour"] = "blue", ["empty"] = null,
        });

        Assert.True(row.IsValid);
        Assert.Equal(ParsedValue.OfNumber(ColumnKind.Numeric, 45), row["employees"]);
        Assert.Equal("Software", row["industry"].Text);
        Assert.True(row["created"].IsMissing);
        Assert.Equal("blue", row["favourite_colour"].Text);
        Assert.True(row["empty"].IsMissing);
        Assert.True(row["never_given"].IsMissing);
        Assert.Equal("45", row.Texts["employees"]);
    }

    [Fact]
    public void A_field_that_does_not_fit_its_kind_is_a_problem_and_reads_as_missing()
    {
        var row = Parser.Parse(new Dictionary<string, string?> { ["employees"] = "forty-five", ["industry"] = "Software" });

        var problem = Assert.Single(row.Problems);
        Assert.Equal("employees", problem.Field);
        Assert.Contains("forty-five", problem.Problem);
        Assert.True(row["employees"].IsMissing);
        Assert.Equal("Software", row["industry"].Text);
    }

    [Fact]
    public void Rows_of_one_parser_keep_their_own_values()
    {
        var first = Parser.Parse(new Dictionary<string, string?> { ["employees"] = "1" });
        var second = Parser.Parse(new Dictionary<string, string?> { ["employees"] = "2", ["industry"] = "Retail" });

        Assert.Equal(1, first["employees"].Number);
        Assert.True(first["industry"].IsMissing);
        Assert.Equal(2, second["employees"].Number);
    }
}
