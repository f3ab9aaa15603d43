using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Monitoring;
using PredictiveLeads.Scoring.Worklist;

namespace PredictiveLeads.Api.Tests.Storage;

public sealed class PredictionStoreTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public Task Sqlite_stores_predictions_and_outcomes() => Exercise(new SqlitePredictionStore(_temp.File("store.db")));

    [PostgresFact]
    [Trait("Category", "Slow")]
    public Task Postgres_stores_predictions_and_outcomes() => Exercise(new PostgresPredictionStore(postgres.Server.ConnectionString()));

    [Fact]
    public async Task A_database_from_before_reasons_and_accounts_were_logged_is_upgraded_and_keeps_its_rows()
    {
        var path = _temp.File("old.db");
        await using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText =
                "CREATE TABLE predictions (id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, key_name TEXT NOT NULL, model_version TEXT NOT NULL, " +
                "lead_id TEXT NULL, account_id TEXT NULL, outcome TEXT NOT NULL, probability REAL NULL, rule_points REAL NULL, rule_stage TEXT NULL);" +
                "CREATE INDEX predictions_lead ON predictions (lead_id, time);" +
                "INSERT INTO predictions (time, key_name, model_version, lead_id, account_id, outcome, probability, rule_points, rule_stage) " +
                "VALUES ('2025-05-01T09:00:00.0000000Z', 'crm', 'v0001', '00Q-old', NULL, 'became_sql', 0.3, 20, 'Lead');";
            create.ExecuteNonQuery();
        }
        var store = new SqlitePredictionStore(path);

        await store.InitializeAsync(CancellationToken.None);
        await store.InsertPredictionsAsync([new PredictionRecord(DateTime.UtcNow, "crm", "v0002", "00Q-old", null, "became_sql", 0.6, 50, "Lead", "[[\"demo_requested\",0.5]]")], null,
            CancellationToken.None);

        var history = await store.HistoryAsync("00Q-old", CancellationToken.None);
        Assert.Equal([null, "[[\"demo_requested\",0.5]]"], history.Select(h => h.Reasons));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_database_from_before_leads_with_outcomes_were_marked_is_upgraded_and_its_known_leads_are_found()
    {
        var path = _temp.File("unmarked.db");
        var store = new SqlitePredictionStore(path);
        var t0 = new DateTime(2025, 5, 1, 9, 0, 0, DateTimeKind.Utc);
        await store.InitializeAsync(CancellationToken.None);
        await store.InsertPredictionsAsync([new PredictionRecord(t0, "crm", "v0001", "00Q-known", null, "became_sql", 0.3, 20, "Lead"),
            new PredictionRecord(t0, "crm", "v0001", "00Q-open", null, "became_sql", 0.4, 20, "Lead")], null, CancellationToken.None);
        await using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            old.Open();
            using var downgrade = old.CreateCommand();
            downgrade.CommandText = "DROP INDEX latest_scores_known; DROP INDEX latest_scores_rank; ALTER TABLE latest_scores DROP COLUMN has_outcome; " +
                "ALTER TABLE latest_scores DROP COLUMN previous_probability; ALTER TABLE latest_scores DROP COLUMN previous_time; " +
                "INSERT INTO outcomes (lead_id, stage, reached_at, disqualification_reason, recorded_at) VALUES ('00Q-known', 'SQL', '2025-05-03T09:00:00.0000000Z', NULL, '2025-05-03T09:00:00.0000000Z');";
            downgrade.ExecuteNonQuery();
        }

        await store.InitializeAsync(CancellationToken.None);

        Assert.Equal(["00Q-known"], (await store.LatestOfLeadsWithOutcomesAsync("became_sql", CancellationToken.None)).Select(s => s.LeadId));
        Assert.Equal(["00Q-open"], (await store.WorklistAsync("became_sql", ["SQL"], t0.AddDays(-1), 10, WorklistFilter.All, CancellationToken.None)).Select(e => e.LeadId));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData("2025-05-01T09:00:00.0000000Z")]
    [InlineData("2024-02-29T23:59:59.9999999Z")]
    [InlineData("2025-05-01T11:00:00+02:00")]
    [InlineData("2025-05-01T09:00:00Z")]
    public void Stored_times_read_back_as_the_general_parser_reads_them(string text)
    {
        var expected = DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);

        var read = SqlPredictionStore.ParseTime(text);

        Assert.Equal((expected, DateTimeKind.Utc), (read, read.Kind));
        Assert.Equal(read, SqlPredictionStore.ParseTime(SqlPredictionStore.Time(read)));
    }

    [Fact]
    public void A_stored_time_that_is_not_a_date_is_refused_not_misread() =>
        Assert.Throws<FormatException>(() => SqlPredictionStore.ParseTime("2025-02-30T09:00:00.0000000Z"));

    private static async Task Exercise(IPredictionStore store)
    {
        var cancel = CancellationToken.None;
        await store.InitializeAsync(cancel);
        await store.InitializeAsync(cancel); // idempotent
        await store.PingAsync(cancel);
        var lead = "00Q-Zürich-東京-" + Guid.NewGuid().ToString("N");
        var unscored = "00Q-" + Guid.NewGuid().ToString("N");
        var t0 = new DateTime(2025, 5, 1, 9, 0, 0, DateTimeKind.Utc);
        await store.InsertPredictionsAsync(
        [
            new PredictionRecord(t0, "crm", "v0001", lead, "001-a", "became_sql", 0.25, 40, "Lead"),
            new PredictionRecord(t0.AddHours(1), "crm", "v0002", lead, "001-a", "became_sql", 0.5, 60, "MQL"),
            new PredictionRecord(t0.AddHours(1), "crm", "v0002", lead, "001-a", "became_mql", 0.75, 60, "MQL",
                LoggedReasons.Format([new LoggedReason("pricing_page_views", 0.41), new LoggedReason("email_domain_type", -0.2)])),
            new PredictionRecord(t0, "crm", "v0002", unscored, null, "became_sql", null, null, null),
        ], null, cancel);
        await store.InsertAccountsAsync([new AccountRecord(t0.AddHours(2), "crm", "v0002", "001-a", "{\"contacts\":1}")], null, cancel);

        Assert.True(await store.InsertOutcomeAsync(new OutcomeRecord(lead, "SQL", t0.AddDays(3), null, t0.AddDays(3)), cancel));
        Assert.False(await store.InsertOutcomeAsync(new OutcomeRecord(lead, "SQL", t0.AddDays(4), null, t0.AddDays(4)), cancel));

        var history = await store.HistoryAsync(lead, cancel);
        Assert.Equal([0.25, 0.5, 0.75], history.Select(h => h.Probability!.Value).Order());
        Assert.Equal(t0, history[0].Time);
        Assert.All(history, h => Assert.Equal(lead, h.LeadId));
        var longReasons = LoggedReasons.Format(Enumerable.Range(0, 300).Select(i => new LoggedReason($"field_{i}_ünïcode", i / 1000.0)));
        Assert.True(longReasons!.Length > 8192, "longer than the writer's text buffer");
        var explained = "00Q-" + Guid.NewGuid().ToString("N");
        await store.InsertPredictionsAsync([new PredictionRecord(t0, "crm", "v0002", explained, null, "became_mql", 0.5, 1, "Lead", longReasons)], null, cancel);
        Assert.Equal(longReasons, Assert.Single(await store.HistoryAsync(explained, cancel)).Reasons);
        var twice = "00Q-" + Guid.NewGuid().ToString("N");
        await store.InsertPredictionsAsync([new PredictionRecord(t0, "crm", "v0002", twice, null, "became_sql", 0.25, 1, "Lead"),
            new PredictionRecord(t0.AddHours(1), "crm", "v0002", twice, null, "became_sql", 0.375, 1, "Lead")], null, cancel);
        var scoredTwiceInOneBatch = (await store.WorklistAsync("became_sql", ["SQL"], t0.AddYears(-1), 100_000, WorklistFilter.All, cancel)).Single(e => e.LeadId == twice);
        await store.InsertPredictionsAsync([new PredictionRecord(t0.AddHours(2), "crm", "v0002", twice, null, "became_sql", 0.5, 1, "Lead")], null, cancel);
        var thenOnceMore = (await store.WorklistAsync("became_sql", ["SQL"], t0.AddYears(-1), 100_000, WorklistFilter.All, cancel)).Single(e => e.LeadId == twice);
        Assert.Equal((0.375, 0.25, t0), (scoredTwiceInOneBatch.Probability, scoredTwiceInOneBatch.PreviousProbability, scoredTwiceInOneBatch.PreviousScoredAt));
        Assert.Equal((0.5, 0.375, t0.AddHours(1), 0.125), (thenOnceMore.Probability, thenOnceMore.PreviousProbability, thenOnceMore.PreviousScoredAt, thenOnceMore.Change));
        Assert.Equal(("v0002", "v0002"), (scoredTwiceInOneBatch.PreviousModelVersion, thenOnceMore.PreviousModelVersion));
        var newest = await store.NewestScoresAsync([lead, twice, unscored, "00Q-never-scored"], cancel);
        Assert.Equal([(lead, "became_mql", (double?)0.75, "v0002"), (lead, "became_sql", 0.5, "v0002"), (twice, "became_sql", 0.5, "v0002"), (unscored, "became_sql", null, "v0002")],
            newest.Select(n => (n.LeadId, n.Outcome, n.Probability, n.ModelVersion)).OrderBy(n => n.LeadId == lead ? 0 : n.LeadId == twice ? 1 : 2).ThenBy(n => n.Outcome));
        Assert.Equal([("pricing_page_views", 0.41), ("email_domain_type", -0.2)],
            LoggedReasons.Parse(newest.Single(n => n.LeadId == lead && n.Outcome == "became_mql").Reasons).Select(r => (r.Field, r.Contribution)));
        Assert.Single(await store.NewestScoresAsync([twice], cancel));
        var owned = "00Q-" + Guid.NewGuid().ToString("N");
        await store.InsertPredictionsAsync([new PredictionRecord(t0, "crm", "v0002", owned, null, "became_sql", 0.25, 1, "Lead", null, "B2") { Segment = "Enterprise", Owner = "Ann" }], null, cancel);
        var since = t0.AddYears(-1);
        Assert.Equal(owned, Assert.Single(await store.WorklistAsync("became_sql", ["SQL"], since, 100_000, new WorklistFilter("B2", "Enterprise", "Ann"), cancel)).LeadId);
        Assert.Empty(await store.WorklistAsync("became_sql", ["SQL"], since, 100_000, new WorklistFilter(Owner: "Bob"), cancel));
        Assert.Empty(await store.WorklistAsync("became_sql", ["SQL"], since, 100_000, new WorklistFilter(Segment: "SMB"), cancel));
        Assert.Empty(await store.WorklistAsync("became_sql", ["SQL"], t0.AddHours(3), 100_000, WorklistFilter.All, cancel));
        var nulls = Assert.Single(await store.HistoryAsync(unscored, cancel));
        Assert.Equal((null, null, null, null), (nulls.AccountId, nulls.Probability, nulls.RulePoints, nulls.RuleStage));
        var latest = (await store.LatestOfLeadsWithOutcomesAsync("became_sql", cancel)).Where(p => p.LeadId == lead).ToList();
        Assert.Equal((0.5, 60.0, (FunnelStage?)FunnelStage.Mql, "001-a"), (Assert.Single(latest).Probability, latest[0].RulePoints, latest[0].RuleStage, latest[0].AccountId));
        var outcomeFirst = "00Q-" + Guid.NewGuid().ToString("N");
        Assert.True(await store.InsertOutcomeAsync(new OutcomeRecord(outcomeFirst, "MQL", t0, null, t0), cancel));
        await store.InsertPredictionsAsync([new PredictionRecord(t0.AddDays(1), "crm", "v0002", outcomeFirst, null, "became_sql", 0.125, 10, "Lead")], null, cancel);
        await store.InsertPredictionsAsync([new PredictionRecord(t0.AddDays(2), "crm", "v0002", lead, "001-a", "became_sql", 0.625, 60, "MQL")], null, cancel);
        var known = (await store.LatestOfLeadsWithOutcomesAsync("became_sql", cancel)).ToDictionary(p => p.LeadId, p => p.Probability);
        Assert.Equal((0.125, 0.625), (known[outcomeFirst], known[lead]));
        Assert.DoesNotContain(await store.LatestOfLeadsWithOutcomesAsync("became_sql", cancel), p => p.LeadId == unscored);
        var page = (await store.LatestPageAsync(null, 100_000, cancel)).Where(p => p.LeadId == lead).ToList();
        Assert.Equal([("became_mql", 0.75), ("became_sql", 0.625)], page.Select(p => (p.Outcome, p.Probability!.Value)));
        Assert.DoesNotContain(await store.LatestPageAsync(lead, 1, cancel), p => p.LeadId == lead);
        Assert.Contains(await store.LoggedOutcomesAsync(cancel), o => o == "became_mql");
        var outcome = Assert.Single(await store.OutcomesAsync(lead, cancel));
        Assert.Equal(t0.AddDays(3), outcome.ReachedAt);
        Assert.Contains(await store.RecordedStagesAsync(cancel), o => o == (lead, "SQL"));
        var bins = await store.RecentScoreBinsAsync("v0002", "became_sql", [0.3, 0.6], 1, cancel);
        Assert.Equal([0L, 0L, 1L], bins); // the newest: 0.625
        Assert.Single(await store.OutcomesBetweenAsync(lead, lead, cancel));
        var volume = await store.VolumeAsync(t0.AddDays(-1), cancel);
        Assert.Contains((t0.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "v0002"), volume.Where(v => v.Count >= 3).Select(v => (v.Day, v.ModelVersion)));
        Assert.Contains(volume, v => v.ModelVersion == "v0001" && v.Count >= 1);
        var lateEvening = new DateTime(2031, 1, 1, 23, 59, 0, DateTimeKind.Utc);
        await store.InsertPredictionsAsync(
        [
            new PredictionRecord(lateEvening, "crm", "v0009", null, null, "became_mql", 0.1, 0, "Lead"),
            new PredictionRecord(lateEvening.AddMinutes(2), "crm", "v0009", null, null, "became_mql", 0.1, 0, "Lead"),
            new PredictionRecord(lateEvening.AddMinutes(2), "crm", "v0009", null, null, "became_sql", 0.1, 0, "Lead"),
            new PredictionRecord(lateEvening, "crm", "v0010", null, null, "became_mql", 0.1, 0, "Lead"),
        ], null, cancel);
        Assert.Equal([("2031-01-01", "v0009", 1L), ("2031-01-01", "v0010", 1L), ("2031-01-02", "v0009", 2L)],
            (await store.VolumeAsync(lateEvening.AddDays(-1), cancel)).Where(v => v.ModelVersion is "v0009" or "v0010").Select(v => (v.Day, v.ModelVersion, (long)v.Count)));
        var reasons = LoggedReasons.Parse(history.Single(h => h.Outcome == "became_mql").Reasons);
        Assert.Equal([new LoggedReason("pricing_page_views", 0.41), new LoggedReason("email_domain_type", -0.2)], reasons);
        Assert.Equal(2, (await store.AccountContactsAsync("001-a", cancel)).Count);
        Assert.Equal("{\"contacts\":1}", (await store.LatestAccountAsync("001-a", cancel))?.Summary);

        // The challenger's probabilities ride on the champion's rows; the comparison reads each lead's newest such row,
        // for leads with an outcome only.
        await store.InsertPredictionsAsync(
        [
            new PredictionRecord(t0.AddHours(3), "crm", "v0002", lead, null, "became_sql", 0.5, 60, "MQL") { ChallengerVersion = "v0003", ChallengerProbability = 0.25 },
            new PredictionRecord(t0.AddHours(4), "crm", "v0002", lead, null, "became_sql", 0.625, 60, "MQL") { ChallengerVersion = "v0003", ChallengerProbability = 0.375 },
            new PredictionRecord(t0.AddHours(4), "crm", "v0002", lead, null, "became_mql", 0.75, 60, "MQL") { ChallengerVersion = "v0003", ChallengerProbability = 0.5 },
            new PredictionRecord(t0.AddHours(4), "crm", "v0002", unscored, null, "became_sql", 0.125, 1, "Lead") { ChallengerVersion = "v0003", ChallengerProbability = 0.25 },
        ], null, cancel);
        Assert.Equal([new ShadowScore(lead, 0.625, 0.375)], await store.ShadowScoresAsync("v0003", "v0002", "became_sql", cancel));
        Assert.Empty(await store.ShadowScoresAsync("v0003", "v0001", "became_sql", cancel));
        if (store is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
    }
}
