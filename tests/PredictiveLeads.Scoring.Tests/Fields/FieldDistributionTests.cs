using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Fields;

namespace PredictiveLeads.Scoring.Tests.Fields;

public sealed class FieldDistributionTests
{
    [Fact]
    public void A_number_is_cut_at_its_training_deciles_with_ties_merged_and_missing_last()
    {
        // 0 for half the rows, then 1..50, and 10 missing: the lower deciles are all 0, one bin.
        var values = Enumerable.Repeat(0.0, 50).Concat(Enumerable.Range(1, 50).Select(v => (double)v)).Concat(Enumerable.Repeat(double.NaN, 10)).ToArray();
        var distribution = FieldDistribution.Of(new NumericColumn("visits", ColumnKind.Numeric, values), [.. Enumerable.Range(0, values.Length)]);

        Assert.Equal([0, 10, 20, 30, 40], distribution.Edges!);
        Assert.Equal(distribution.Edges!.Count + 2, distribution.Bins);
        Assert.Equal(50 / 110.0, distribution.Shares[0], 6);
        Assert.Equal(10 / 110.0, distribution.Shares[^1], 6);
        Assert.Equal(1.0, distribution.Shares.Sum(), 5);
        Assert.Equal(0, distribution.BinOf(ParsedValue.OfNumber(ColumnKind.Numeric, -3)));
        Assert.Equal(2, distribution.BinOf(ParsedValue.OfNumber(ColumnKind.Numeric, 11)));
        Assert.Equal(5, distribution.BinOf(ParsedValue.OfNumber(ColumnKind.Numeric, 1e9)));
        Assert.Equal(6, distribution.BinOf(ParsedValue.Missing));
    }

    [Fact]
    public void A_category_keeps_its_most_common_levels_then_any_other_then_missing()
    {
        var levels = Enumerable.Range(0, 25).Select(i => $"level{i:00}").ToList();
        var codes = Enumerable.Range(0, 25).SelectMany(l => Enumerable.Repeat(l, 30 - l)).Append(CategoricalColumn.MissingCode).ToArray();
        var distribution = FieldDistribution.Of(new CategoricalColumn("industry", codes, levels), [.. Enumerable.Range(0, codes.Length)]);

        Assert.Equal(FieldDistribution.MostCommonLevels, distribution.Levels!.Count);
        Assert.Equal("level00", distribution.Levels[0]);
        Assert.Equal(0, distribution.BinOf(ParsedValue.OfText("level00")));
        Assert.Equal(20, distribution.BinOf(ParsedValue.OfText("level24")));
        Assert.Equal(20, distribution.BinOf(ParsedValue.OfText("never seen")));
        Assert.Equal(21, distribution.BinOf(ParsedValue.Missing));
        Assert.Equal("any other", distribution.Describe(20));
    }

    [Fact]
    public void Live_counts_like_training_read_stable_and_a_shifted_field_comes_first()
    {
        var fields = new[]
        {
            new FieldDistribution { Field = "a", Edges = [1], Shares = [0.5, 0.5, 0] },
            new FieldDistribution { Field = "b", Levels = ["x", "y"], Shares = [0.6, 0.4, 0, 0] },
        };
        var tally = new FieldTally(fields);
        for (var i = 0; i < 1000; i++)
        {
            var value = i % 2 == 0 ? 0.0 : 2.0;
            tally.Count(new ParsedRow(new Dictionary<string, ParsedValue> { ["a"] = ParsedValue.OfNumber(ColumnKind.Numeric, value), ["b"] = ParsedValue.OfText(i % 10 < 2 ? "x" : "z") },
                new Dictionary<string, string?>(), []));
        }

        var readings = FieldDrift.Read(fields, tally.Pending());
        var taken = tally.Take();

        Assert.Equal(["b", "a"], readings.Select(r => r.Field));
        Assert.True(readings[1].Psi < 0.01);
        Assert.StartsWith("large shift", readings[0].Reading);
        Assert.Equal("any other", readings[0].MovedMost);
        Assert.Equal(1000, taken[0].Sum());
        Assert.All(tally.Pending(), bins => Assert.All(bins, c => Assert.Equal(0, c)));
    }

    [Fact]
    public async Task Counts_from_many_threads_at_once_are_taken_exactly_and_restored_counts_come_back()
    {
        var fields = new[]
        {
            new FieldDistribution { Field = "a", Edges = [1], Shares = [0.5, 0.5, 0] },
            new FieldDistribution { Field = "b", Levels = ["x", "y"], Shares = [0.6, 0.4, 0, 0] },
        };
        var tally = new FieldTally(fields);
        var parser = new RowParser(new Dictionary<string, ColumnKind> { ["b"] = ColumnKind.Categorical, ["a"] = ColumnKind.Numeric }, []);
        var leads = new[] { parser.Parse(new Dictionary<string, string?> { ["a"] = "0", ["b"] = "x" }), parser.Parse(new Dictionary<string, string?> { ["a"] = "5" }) };

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
                tally.Count(leads[(t + i) % 2]);
        })));
        var taken = tally.Take();
        tally.Restore(taken);

        Assert.Equal([[40_000L, 40_000L, 0L], [40_000L, 0L, 0L, 40_000L]], taken);
        Assert.Equal(taken, tally.Take());
        Assert.All(tally.Pending(), bins => Assert.All(bins, c => Assert.Equal(0, c)));
    }
}
