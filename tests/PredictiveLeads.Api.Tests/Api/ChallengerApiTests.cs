using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.Registry;
using PredictiveLeads.Scoring.Schema;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Api.Tests.Api;

/// <summary>A challenger scored in the shadow of the served version: logged, compared on the same leads, never answered, promoted by a swap.</summary>
public sealed class ChallengerApiTests
{
    private const int Leads = 300;

    [Fact]
    public async Task A_challenger_is_scored_on_every_lead_never_answered_and_compared_with_the_champion_once_outcomes_arrive()
    {
        using var api = new ApiFactory();
        var client = api.Client();
        var leads = SampleLeads.First(Leads);
        var alone = await ScoreBatch(client, leads.Take(5).ToList());
        var challenger = PublishWeakChallenger(api);
        var models = api.Services.GetRequiredService<ModelHost>();
        await models.UntilChallenger(challenger);

        var answered = await ScoreBatch(client, leads);
        foreach (var lead in leads)
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/v1/outcomes", new { leadId = lead["lead_id"], stage = Stage(lead) })).StatusCode);
        await api.Services.GetRequiredService<PredictionLog>().UntilWritten(2 * (Leads + 5));
        var monitoring = await client.GetFromJsonAsync<JsonElement>("/v1/monitoring");

        Assert.All(answered.Take(5).Zip(alone), pair => Assert.Equal(pair.Second, pair.First));
        var history = await client.GetFromJsonAsync<JsonElement>($"/v1/leads/{leads[0]["lead_id"]}/history");
        Assert.All(history.GetProperty("predictions").EnumerateArray(), p => Assert.Equal("default/v0001", p.GetProperty("modelVersion").GetString()));
        var compared = monitoring.GetProperty("challenger");
        Assert.Equal("default/v0001", compared.GetProperty("championVersion").GetString());
        Assert.Equal($"default/{challenger}", compared.GetProperty("challengerVersion").GetString());
        var sql = compared.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("outcome").GetString() == "became_sql");
        Assert.Equal(Leads, sql.GetProperty("leads").GetInt32());
        Assert.Equal(leads.Count(l => (string?)l["became_sql"] == "1"), sql.GetProperty("positives").GetInt32());
        Assert.Equal(Leads / 5, sql.GetProperty("workload").GetInt32());
        var champion = sql.GetProperty("champion");
        var shadow = sql.GetProperty("challenger");
        var served = monitoring.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("outcome").GetString() == "became_sql");
        Assert.Equal(served.GetProperty("modelRocAuc").GetDouble(), champion.GetProperty("rocAuc").GetDouble(), 9);
        Assert.NotEqual(champion.GetProperty("rocAuc").GetDouble(), shadow.GetProperty("rocAuc").GetDouble());
        Assert.InRange(shadow.GetProperty("rocAuc").GetDouble(), 0.5, 1.0);
        Assert.InRange(shadow.GetProperty("positivesCaught").GetInt32(), 1, Leads / 5);
        Assert.NotEmpty(shadow.GetProperty("reliability").EnumerateArray());
    }

    [Fact]
    public async Task Promoting_swaps_champion_and_challenger_and_only_the_challenger_can_be_promoted()
    {
        using var api = new ApiFactory();
        api.PublishCopy("v0002");
        api.PublishCopy("v0003");
        var admin = api.Client(ApiFactory.AdminKey);
        var models = api.Services.GetRequiredService<ModelHost>();

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/v1/models/default/v0002/shadow", new { reason = "try the retrain" })).StatusCode);
        var notChallenger = await admin.PostAsJsonAsync("/v1/models/default/v0003/promote", new { reason = "skip the line" });
        var itself = await admin.PostAsJsonAsync("/v1/models/default/v0001/shadow", new { reason = "beside itself" });
        var promoted = await admin.PostAsJsonAsync("/v1/models/default/v0002/promote", new { reason = "won on live AUC" });
        var list = await admin.GetFromJsonAsync<JsonElement>("/v1/models");

        Assert.Equal(HttpStatusCode.Conflict, notChallenger.StatusCode);
        Assert.Contains("not the challenger", await notChallenger.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, itself.StatusCode);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal("v0002", models.Current?.Version);
        Assert.Equal("v0001", models.Challenger?.Version);
        Assert.Equal("v0002", list.GetProperty("serving").GetString());
        Assert.Equal("v0001", list.GetProperty("challenger").GetString());

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/v1/models/default/challenger")).StatusCode);
        Assert.Null(models.Challenger);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Client().PostAsJsonAsync("/v1/models/default/v0003/shadow", new { reason = "score key" })).StatusCode);
    }

    /// <summary>Trains a weaker model (fewer leads and trees) on the sample export and publishes it straight into the challenger's role.</summary>
    private static string PublishWeakChallenger(ApiFactory api)
    {
        var path = Path.Combine(api.Folder, "challenger-export.csv");
        File.WriteAllLines(path, File.ReadLines(Path.Combine(RepositoryRoot.Path, "training-data", "sample-leads.csv")).Take(3001));
        var schema = ExportSchema.Load(Path.Combine(RepositoryRoot.Path, "training-data", "sample-leads.schema.json"));
        var table = CsvTableReader.Read(path, new CsvReadOptions { KindOverrides = schema.Kinds });
        schema = schema.WithFormatsOf(table);
        var trained = new BundleTrainer(new BundleTrainingOptions
        {
            Schema = schema,
            Model = new TrainingOptions { Label = schema.Outcomes[0], Boosting = new() { Trees = 10, Threads = 1 } },
        }).Train(table);
        return new ModelRegistry(api.Registry).Publish("default", trained.ToBundle(schema).Save, asChallenger: true);
    }

    private static string Stage(Dictionary<string, object?> lead) =>
        (string?)lead["became_sql"] == "1" ? "SQL" : (string?)lead["became_mql"] == "1" ? "MQL" : "Disqualified";

    private static async Task<List<double>> ScoreBatch(HttpClient client, List<Dictionary<string, object?>> leads)
    {
        var response = await client.PostAsJsonAsync("/v1/leads/score-batch?explain=false", new { leads = leads.Select(l => new { id = l["lead_id"], fields = l }) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.All(answer.GetProperty("results").EnumerateArray(), r => Assert.Equal("default/v0001", r.GetProperty("score").GetProperty("modelVersion").GetString()));
        return [.. answer.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("score").GetProperty("outcomes")[1].GetProperty("probability").GetDouble())];
    }
}
