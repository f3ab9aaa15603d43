using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Leads;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Live;

namespace PredictiveLeads.Api.Tests.Storage;

public sealed class ScoringMemoryTests : IDisposable
{
    private static readonly string[] Outcomes = ["became_sql"];
    private readonly string _folder = Directory.CreateTempSubdirectory("pl-memory-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Remembered_leads_are_not_read_from_the_log_until_the_memory_turns_over_twice_and_reasons_always_read_it()
    {
        var (store, counter) = StoreCountingReads.Around(new SqlitePredictionStore(Path.Combine(_folder, "log.db")));
        await store.InitializeAsync(CancellationToken.None);
        var log = new PredictionLog(store, TimeProvider.System, NullLogger<PredictionLog>.Instance, capacity: 100);
        var memory = new ScoringMemory(store, log, Options.Create(new ScoringOptions { RememberedLeads = 2 }));
        void Score(string lead) => memory.Remember(lead, [("became_sql", new PreviousScore(0.25, DateTime.UtcNow, "default/v0001", [new("demo_requested", 0.5)]))]);

        Score("a");
        var remembered = await memory.ReadAsync(["a"], Outcomes, explained: false, CancellationToken.None);
        Assert.Equal(0, counter.LeadsRead);
        Assert.Equal(0.25, remembered.Of("a")!["became_sql"].Probability);
        Assert.Null(remembered.Of("a")!["became_sql"].Contributions);

        await memory.ReadAsync(["a"], Outcomes, explained: true, CancellationToken.None);
        Assert.Equal(1, counter.LeadsRead);

        foreach (var lead in new[] { "b", "c" })
            Score(lead); // the newer half passes 2 leads: it becomes the older half, and "a" is still recalled
        await memory.ReadAsync(["a"], Outcomes, explained: false, CancellationToken.None);
        Assert.Equal(1, counter.LeadsRead);
        foreach (var lead in new[] { "d", "e", "f" })
            Score(lead); // and again: "a" is forgotten
        var forgotten = await memory.ReadAsync(["a", "f"], Outcomes, explained: false, CancellationToken.None);
        Assert.Equal(2, counter.LeadsRead);
        Assert.Null(forgotten.Of("a"));
    }

    [Fact]
    public async Task A_rescoring_replaces_the_outcomes_it_scores_and_keeps_those_it_left_out()
    {
        var store = new SqlitePredictionStore(Path.Combine(_folder, "outcomes.db"));
        await store.InitializeAsync(CancellationToken.None);
        var memory = new ScoringMemory(store, new PredictionLog(store, TimeProvider.System, NullLogger<PredictionLog>.Instance, capacity: 100),
            Options.Create(new ScoringOptions()));
        PreviousScore Scored(double probability) => new(probability, DateTime.UtcNow, "default/v0001", null);

        memory.Remember("a", [("became_mql", Scored(0.5)), ("became_sql", Scored(0.25))]);
        memory.Remember("a", [("became_sql", Scored(0.125))]);
        var both = (await memory.ReadAsync(["a"], ["became_mql", "became_sql"], explained: false, CancellationToken.None)).Of("a")!;
        memory.Remember("a", [("became_mql", Scored(0.75)), ("became_sql", Scored(0.0625))]);
        var replaced = (await memory.ReadAsync(["a"], ["became_mql", "became_sql"], explained: false, CancellationToken.None)).Of("a")!;

        Assert.Equal([0.5, 0.125], [both["became_mql"].Probability, both["became_sql"].Probability]);
        Assert.Equal([0.75, 0.0625], [replaced["became_mql"].Probability, replaced["became_sql"].Probability]);
    }

    [Fact]
    public async Task A_log_shared_with_other_instances_is_always_read()
    {
        var (store, counter) = StoreCountingReads.Around(new SqlitePredictionStore(Path.Combine(_folder, "shared.db")), shared: true);
        await store.InitializeAsync(CancellationToken.None);
        var memory = new ScoringMemory(store, new PredictionLog(store, TimeProvider.System, NullLogger<PredictionLog>.Instance, capacity: 100),
            Options.Create(new ScoringOptions()));

        memory.Remember("a", [("became_sql", new PreviousScore(0.25, DateTime.UtcNow, "default/v0001", null))]);
        await memory.ReadAsync(["a"], Outcomes, explained: false, CancellationToken.None);

        Assert.Equal(1, counter.LeadsRead);
    }
}
