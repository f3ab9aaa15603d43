using System.Net.Http.Json;
using System.Text.Json;
using PredictiveLeads.Scoring.Bundles;

namespace PredictiveLeads.Api.Tests.Api;

public sealed class GradeShareTests
{
    [Fact]
    public async Task Grades_by_share_cut_each_outcome_at_its_test_leads_shares_and_the_model_card_shows_the_cut_offs()
    {
        using var api = new ApiFactory { Settings = new Dictionary<string, string> { ["Scoring:GradeBy"] = "share" } };
        var client = api.Client();
        var holdout = HoldoutScores.Load(Path.Combine(RepositoryRoot.Path, "models", "default", "v0001", HoldoutScores.FileName));

        using var card = JsonDocument.Parse(await client.GetStringAsync("/v1/models/current"));
        var response = await client.PostAsJsonAsync("/v1/leads/score?explain=false", LeadsApiTests.HotLead());
        using var scored = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        foreach (var outcome in card.RootElement.GetProperty("outcomes").EnumerateArray())
        {
            var name = outcome.GetProperty("outcome").GetString()!;
            var grades = outcome.GetProperty("grades");
            var probabilities = holdout.Outcomes[name].Model!;
            // The default shares: A the top 10%, B the next 20%, C the next 30%.
            foreach (var (grade, share) in new[] { ("a", 0.1), ("b", 0.3), ("c", 0.6) })
            {
                var cutOff = grades.GetProperty(grade).GetDouble();
                Assert.InRange(probabilities.Count(p => p >= cutOff) / (double)probabilities.Count, share, share + 0.01);
            }
            Assert.StartsWith("share of the test leads", grades.GetProperty("basis").GetString(), StringComparison.Ordinal);
            var answer = scored.RootElement.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("outcome").GetString() == name);
            var p = answer.GetProperty("probability").GetDouble();
            var expected = p >= grades.GetProperty("a").GetDouble() ? "A" : p >= grades.GetProperty("b").GetDouble() ? "B" : p >= grades.GetProperty("c").GetDouble() ? "C" : "D";
            Assert.Equal(expected, answer.GetProperty("grade").GetString());
        }
    }

    [Fact]
    public async Task Fixed_probabilities_are_the_default_and_the_model_card_says_so()
    {
        using var api = new ApiFactory();

        using var card = JsonDocument.Parse(await api.Client().GetStringAsync("/v1/models/current"));

        Assert.All(card.RootElement.GetProperty("outcomes").EnumerateArray(), o =>
            Assert.Equal((0.5, 0.25, 0.1, "probability"), (o.GetProperty("grades").GetProperty("a").GetDouble(), o.GetProperty("grades").GetProperty("b").GetDouble(),
                o.GetProperty("grades").GetProperty("c").GetDouble(), o.GetProperty("grades").GetProperty("basis").GetString())));
    }
}
