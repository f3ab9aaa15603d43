using System.Text.Json;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Schema;

namespace PredictiveLeads.Scoring.Tests.Funnel;

public sealed class FunnelStageTests
{
    [Fact]
    public void Recorded_stages_become_labels_by_how_far_a_lead_got_against_the_outcomes_stage()
    {
        var furthest = FunnelLabels.FurthestStage([
            ("a", FunnelStage.Mql), ("a", FunnelStage.Sql), ("b", FunnelStage.Mql), ("c", FunnelStage.Disqualified), ("d", FunnelStage.Won),
            ("e", FunnelStage.Lost), ("e", FunnelStage.Mql), ("f", FunnelStage.Opportunity)]);

        Assert.Equal(FunnelStage.Sql, furthest["a"]);
        Assert.Equal(FunnelStage.Disqualified, furthest["c"]);
        Assert.Equal(FunnelStage.Mql, furthest["e"]);
        string[] leads = ["a", "b", "c", "d", "e", "f"];
        Assert.Equal([1, 1, 0, 1, 1, 1], leads.Select(l => FunnelLabels.Label(FunnelStage.Mql, furthest[l])));
        Assert.Equal([1, 0, 0, 1, 0, 1], leads.Select(l => FunnelLabels.Label(FunnelStage.Sql, furthest[l])));
        Assert.Equal([0, 0, 0, 1, 0, 0], leads.Select(l => FunnelLabels.Label(FunnelStage.Won, furthest[l])));
    }

    [Theory]
    [InlineData("MQL", FunnelStage.Mql)]
    [InlineData("sql", FunnelStage.Sql)]
    [InlineData("opportunity", FunnelStage.Opportunity)]
    [InlineData("Disqualified", FunnelStage.Disqualified)]
    [InlineData("Lead", FunnelStage.Lead)]
    public void Stages_are_parsed_by_the_names_people_use_in_any_case(string text, FunnelStage expected) =>
        Assert.Equal(expected, FunnelStages.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Customer")]
    [InlineData("2")]
    public void Anything_else_is_not_a_stage(string? text) => Assert.Null(FunnelStages.Parse(text));

    [Fact]
    public void Stages_are_written_as_their_names_in_json_and_read_back()
    {
        var json = JsonSerializer.Serialize(new[] { FunnelStage.Lead, FunnelStage.Mql, FunnelStage.Sql, FunnelStage.Won });

        Assert.Equal("""["Lead","MQL","SQL","Won"]""", json);
        Assert.Equal([FunnelStage.Lead, FunnelStage.Mql, FunnelStage.Sql, FunnelStage.Won], JsonSerializer.Deserialize<FunnelStage[]>(json));
    }

    [Fact]
    public void A_schema_file_names_stages_as_people_write_them()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("schema.json", """{ "outcomes": ["became_sql", "closed"], "stages": { "closed": "Won", "became_sql": "sql" } }""");

        var schema = ExportSchema.Load(path);

        Assert.Equal(FunnelStage.Won, schema.Stages["closed"]);
        Assert.Equal(FunnelStage.Sql, schema.Stages["became_sql"]);
        var wrong = directory.Write("wrong.json", """{ "outcomes": ["closed"], "stages": { "closed": "Customer" } }""");
        Assert.Contains("'Customer' is not a funnel stage; expected one of Lead, MQL, SQL, Opportunity, Won, Lost, Disqualified",
            Assert.Throws<DataFormatException>(() => ExportSchema.Load(wrong)).Message);
    }

    [Fact]
    public void Only_stages_a_lead_moves_forward_to_can_be_an_outcomes_stage()
    {
        Assert.Equal([FunnelStage.Mql, FunnelStage.Sql, FunnelStage.Opportunity, FunnelStage.Won], Enum.GetValues<FunnelStage>().Where(s => s.IsOutcomeStage()));
        Assert.True(FunnelStage.Won.Reached(FunnelStage.Sql));
        Assert.False(FunnelStage.Lost.Reached(FunnelStage.Mql));
    }

    [Fact]
    public void A_schema_says_an_outcomes_stage_and_otherwise_it_is_read_from_the_name_when_the_name_says_one()
    {
        var schema = new ExportSchema { Outcomes = ["became_sql", "Converted", "closed"], Stages = new Dictionary<string, FunnelStage> { ["closed"] = FunnelStage.Won } };

        Assert.Equal((FunnelStage.Sql, true), schema.StageOf("became_sql"));
        Assert.Equal(((FunnelStage?)null, true), schema.StageOf("Converted"));
        Assert.Equal((FunnelStage.Won, false), schema.StageOf("closed"));
    }

    [Fact]
    public void A_schema_stage_that_is_not_reachable_or_names_no_outcome_is_refused()
    {
        string[] header = ["id", "became_sql"];
        var lost = new ExportSchema { Outcomes = ["became_sql"], Stages = new Dictionary<string, FunnelStage> { ["became_sql"] = FunnelStage.Lost } };
        var stray = new ExportSchema { Outcomes = ["became_sql"], Stages = new Dictionary<string, FunnelStage> { ["became_mql"] = FunnelStage.Mql } };

        Assert.Contains("the stage of 'became_sql' is Lost", Assert.Throws<DataFormatException>(() => lost.CheckAgainst("leads.csv", header)).Message);
        Assert.Contains("'became_mql', which is not an outcome", Assert.Throws<DataFormatException>(() => stray.CheckAgainst("leads.csv", header)).Message);
    }
}
