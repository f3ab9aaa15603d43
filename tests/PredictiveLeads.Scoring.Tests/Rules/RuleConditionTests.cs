using System.Text.Json;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Rules;

namespace PredictiveLeads.Scoring.Tests.Rules;

public sealed class RuleConditionTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static bool Matches(string condition, string? value) =>
        JsonSerializer.Deserialize<RuleCondition>(condition, Web)!
            .Matches(new RowParser(new Dictionary<string, ColumnKind>(), ["n/a"]).Parse(new Dictionary<string, string?> { ["f"] = value }));

    [Theory]
    [InlineData("Head of Marketing", true)]
    [InlineData("HEAD OF SALES", true)]
    [InlineData("Headhunter", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Contains_ignores_case_and_a_missing_value_never_contains(string? value, bool expected) =>
        Assert.Equal(expected, Matches("""{"field": "f", "contains": "head of"}""", value));

    [Theory]
    [InlineData("10", true)]
    [InlineData("50", true)]
    [InlineData("49.99", true)]
    [InlineData("9.999", false)]
    [InlineData("50.01", false)]
    [InlineData("yes", false)]
    [InlineData("many", false)]
    [InlineData(null, false)]
    public void Between_includes_both_ends_and_needs_a_number(string? value, bool expected) =>
        Assert.Equal(expected, Matches("""{"field": "f", "between": [10, 50]}""", value));

    [Fact]
    public void Between_reads_yes_and_no_as_one_and_zero()
    {
        Assert.True(Matches("""{"field": "f", "between": [1, 1]}""", "yes"));
        Assert.True(Matches("""{"field": "f", "between": [0, 0]}""", "No"));
    }

    [Theory]
    [InlineData("x", true, false)]
    [InlineData("0", true, false)]
    [InlineData("", false, true)]
    [InlineData("   ", false, true)]
    [InlineData("n/a", false, true)]
    [InlineData(null, false, true)]
    public void Present_is_true_for_any_value_and_false_for_missing_ones_including_missing_tokens(string? value, bool present, bool absent)
    {
        Assert.Equal(present, Matches("""{"field": "f", "present": true}""", value));
        Assert.Equal(absent, Matches("""{"field": "f", "present": false}""", value));
    }

    [Theory]
    [InlineData("""{"field": "f", "between": [5, 1]}""", "min <= max")]
    [InlineData("""{"field": "f", "between": [5]}""", "[min, max]")]
    [InlineData("""{"field": "f", "contains": "a", "present": true}""", "exactly one of")]
    [InlineData("""{"field": "f", "in": [1, 1e999]}""", "beyond the range of a double")]
    public void A_malformed_condition_is_refused_naming_the_field(string condition, string expected)
    {
        var parsed = JsonSerializer.Deserialize<RuleCondition>(condition, Web)!;

        var error = Assert.Throws<DataFormatException>(() => parsed.Validate("rules.json: rule 'x'"));

        Assert.Contains("'f'", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("""{"field": "visits", "atLeast": 3}""")]
    [InlineData("""{"field": "visits", "equals": "3.5"}""")]
    [InlineData("""{"field": "demo", "equals": "yes"}""")]
    [InlineData("""{"field": "demo", "equals": true}""")]
    [InlineData("""{"field": "title", "contains": "vp"}""")]
    [InlineData("""{"field": "title", "in": ["VP Sales", "CEO"]}""")]
    [InlineData("""{"field": "created", "present": true}""")]
    public void A_table_row_and_the_same_lead_sent_as_text_get_the_same_verdict(string condition)
    {
        using var folder = new TempDirectory();
        var table = CsvTableReader.Read(folder.Write("leads.csv", "visits,demo,title,created\n3.5,yes,VP Sales,2025-03-01T10:00:00+02:00\n1,no,Intern,\n"));
        var parser = new RowParser(table.Columns.ToDictionary(c => c.Name, c => c.Kind), []);
        var rule = JsonSerializer.Deserialize<RuleCondition>(condition, Web)!;
        string?[][] texts = [["3.5", "yes", "VP Sales", "2025-03-01T10:00:00+02:00"], ["1", "no", "Intern", null]];

        for (var row = 0; row < 2; row++)
        {
            var sent = parser.Parse(table.Columns.Select((c, i) => (c.Name, Text: texts[row][i])).ToDictionary(f => f.Name, f => f.Text));

            Assert.Equal(row == 0, rule.Matches(new TableRow(table) { Row = row }));
            Assert.Equal(row == 0, rule.Matches(sent));
        }
    }

    [Theory]
    [InlineData("""{"field": "f", "equals": 3}""", "3.0", true)]
    [InlineData("""{"field": "f", "equals": 3}""", "3.5", false)]
    [InlineData("""{"field": "f", "equals": "retail"}""", "RETAIL", true)]
    [InlineData("""{"field": "f", "equals": "yes"}""", "Yes", true)]
    [InlineData("""{"field": "f", "equals": 1, "in": null}""", "1", true)]
    [InlineData("""{"field": "f", "in": null, "equals": 1}""", "1", true)]
    [InlineData("""{"field": "f", "equals": false}""", "no", true)]
    [InlineData("""{"field": "f", "in": ["Energy", 7, true]}""", "energy", true)]
    [InlineData("""{"field": "f", "in": ["Energy", 7, true]}""", "7", true)]
    [InlineData("""{"field": "f", "in": ["Energy", 7, true]}""", "yes", true)]
    [InlineData("""{"field": "f", "in": ["Energy", 7, true]}""", "Retail", false)]
    [InlineData("""{"field": "f", "in": []}""", "Retail", false)]
    public void Equals_and_in_compare_numbers_as_numbers_and_text_ignoring_case(string condition, string value, bool expected) =>
        Assert.Equal(expected, Matches(condition, value));

    [Fact]
    public void A_condition_copied_with_other_values_tests_the_new_values()
    {
        var energy = JsonSerializer.Deserialize<RuleCondition>("""{"field": "f", "in": ["Energy"]}""", Web)!;
        var retail = energy with { In = [JsonSerializer.SerializeToElement("Retail")] };
        var lead = new RowParser(new Dictionary<string, ColumnKind>(), []).Parse(new Dictionary<string, string?> { ["f"] = "Retail" });

        Assert.False(energy.Matches(lead));
        Assert.True(retail.Matches(lead));
    }

    [Fact]
    public void A_date_is_not_a_number_to_the_rules()
    {
        var parsed = new RowParser(new Dictionary<string, ColumnKind> { ["created"] = ColumnKind.DateTime }, []).Parse(new Dictionary<string, string?> { ["created"] = "2025-03-01" });

        Assert.False(JsonSerializer.Deserialize<RuleCondition>("""{"field": "created", "atLeast": 0}""", Web)!.Matches(parsed));
        Assert.True(JsonSerializer.Deserialize<RuleCondition>("""{"field": "created", "present": true}""", Web)!.Matches(parsed));
    }
}
