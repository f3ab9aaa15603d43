using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;

namespace PredictiveLeads.Api.Tests.Dashboard;

/// <summary>
/// The API on a real loopback port with live history to show: the newest sample leads scored in a batch with
/// reasons (as marketing automation would), their real outcomes recorded, and one account scored as an account.
/// </summary>
public sealed class DashboardServer : IAsyncLifetime, IDisposable
{
    public const int LiveLeads = 600;

    private readonly ApiFactory _api = new();

    public Uri Address { get; private set; } = null!;

    public string FirstLiveLead { get; private set; } = "";

    /// <summary>The account of the first live lead, scored as an account with its live contacts.</summary>
    public string Account { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Address = _api.StartOnLoopback();
        // A copy of the served version scored in its shadow, so the champion-and-challenger section has both to show.
        _api.PublishCopy("v0002");
        new PredictiveLeads.Scoring.Registry.ModelRegistry(_api.Registry).SetChallenger("default", "v0002");
        await _api.Services.GetRequiredService<PredictiveLeads.Api.Hosting.ModelHost>().UntilChallenger("v0002");
        using var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.ScoreKey);

        var lines = await File.ReadAllLinesAsync(Path.Combine(RepositoryRoot.Path, "training-data", "sample-leads.csv"));
        var header = lines[0].Split(',');
        var recent = lines[^LiveLeads..];
        var leads = recent.Select(line => Lead(header, line)).ToList();
        using var batch = await client.PostAsJsonAsync("/v1/leads/score-batch", new { leads });
        batch.EnsureSuccessStatusCode();
        FirstLiveLead = recent[0].Split(',')[0];

        var mql = Array.IndexOf(header, "became_mql");
        var sql = Array.IndexOf(header, "became_sql");
        foreach (var line in recent)
        {
            var values = line.Split(',');
            var stage = values[sql] == "1" ? "SQL" : values[mql] == "1" ? "MQL" : "Disqualified";
            using var outcome = await client.PostAsJsonAsync("/v1/outcomes", new { leadId = values[0], stage });
            outcome.EnsureSuccessStatusCode();
        }

        var accountColumn = Array.IndexOf(header, "account_id");
        Account = recent[0].Split(',')[accountColumn];
        var contacts = recent.Where(line => line.Split(',')[accountColumn] == Account).Select(line => Lead(header, line)).ToList();
        using var account = await client.PostAsJsonAsync("/v1/accounts/score", new { accountId = Account, contacts });
        account.EnsureSuccessStatusCode();

        // The log writer stores in the background; wait until everything scored above is readable.
        await _api.Services.GetRequiredService<PredictiveLeads.Api.Storage.PredictionLog>().UntilWritten(2 * (LiveLeads + contacts.Count) + 1);
    }

    /// <summary>A sample row as a scoring request: its id and account, and every column but the outcomes as a field.</summary>
    private static object Lead(string[] header, string line)
    {
        var values = line.Split(',');
        return new
        {
            id = values[Array.IndexOf(header, "lead_id")],
            accountId = values[Array.IndexOf(header, "account_id")],
            fields = header.Select((name, i) => (name, value: values[i])).Where(f => f.name is not ("became_mql" or "became_sql" or "lead_id" or "account_id"))
                .ToDictionary(f => f.name, f => f.value),
        };
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _api.Dispose();
}
