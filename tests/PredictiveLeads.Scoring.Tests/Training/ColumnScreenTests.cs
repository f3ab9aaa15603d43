using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Scoring.Tests.Training;

public sealed class ColumnScreenTests
{
    private static DataTable Table(params DataColumn[] columns) =>
        new("leads.csv", columns, [.. Enumerable.Range(2, columns[0].Length).Select(i => (long)i)]);

    [Fact]
    public void A_near_constant_number_is_named_by_its_most_common_value_and_the_file_order_breaks_a_tie()
    {
        // 20 rows of 7 and 20 of 3 (7 first) and 5 missing: the rows other than the most common value are too few to learn from.
        double[] tied = [.. Enumerable.Repeat(7.0, 20), .. Enumerable.Repeat(3.0, 20), .. Enumerable.Repeat(double.NaN, 5)];
        double[] mostly = [.. Enumerable.Repeat(7.0, 15), .. Enumerable.Repeat(3.0, 30)];

        var found = ColumnScreen.Screen(Table(new NumericColumn("tied", ColumnKind.Numeric, tied), new NumericColumn("mostly", ColumnKind.Numeric, mostly)), ["tied", "mostly"], threads: 2);

        Assert.Equal(["tied", "mostly"], found.Select(f => f.Column));
        Assert.Equal("near-constant: 20 of 45 rows are '7'; the other 25 are too few to learn from", found[0].Reason);
        Assert.Equal("near-constant: 30 of 45 rows are '3'; the other 15 are too few to learn from", found[1].Reason);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(5_000)]
    public void Distinct_whole_numbers_in_file_order_are_an_identifier_and_a_repeat_is_not(int rows)
    {
        // 300 distinct values are counted in a dictionary, 5,000 from a sorted copy.
        double[] numbered = [.. Enumerable.Range(0, rows).Select(i => 1000.0 + 3 * i)];
        double[] repeated = [.. numbered[..(rows - 1)], numbered[0]];

        var found = ColumnScreen.Screen(Table(new NumericColumn("Lead Number", ColumnKind.Numeric, numbered), new NumericColumn("again", ColumnKind.Numeric, repeated)),
            ["Lead Number", "again"]);

        var identifier = Assert.Single(found);
        Assert.Equal("Lead Number", identifier.Column);
        Assert.True(identifier.Identifier);
    }
}
