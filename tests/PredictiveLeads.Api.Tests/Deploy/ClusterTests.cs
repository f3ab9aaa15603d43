using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;

namespace PredictiveLeads.Api.Tests.Deploy;

/// <summary>
/// Three instances behind HAProxy on one PostgreSQL, started by <c>deploy/cluster.sh</c> as an operator would: sessions,
/// activations and outcomes hold across instances, and killing one loses no acknowledged outcome.
/// </summary>
public sealed class ClusterTests
{
    private const double ReloadSeconds = 1;

    [ClusterFact]
    [Trait("Category", "Slow")]
    public async Task Three_instances_share_sessions_and_activations_and_a_killed_one_loses_no_acknowledged_outcome()
    {
        using var cluster = new Cluster(3, ReloadSeconds);
        var instances = cluster.Ports.Select(port => new Uri($"http://127.0.0.1:{port}")).ToList();

        // A session made through one instance works on all of them, and signing out through another ends it everywhere.
        var cookie = await SignIn(instances[0]);
        foreach (var instance in instances)
            Assert.Equal(HttpStatusCode.OK, (await WithCookie(instance, cookie, HttpMethod.Get, "/v1/dashboard/comparison")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await WithCookie(instances[2], cookie, HttpMethod.Delete, "/v1/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(instances[0], cookie, HttpMethod.Get, "/v1/dashboard/comparison")).StatusCode);

        // A version activated through one instance is served by all of them within Models:ReloadSeconds.
        using (var admin = Client(instances[1], ApiFactory.AdminKey))
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/v1/models/default/v0002/activate", new { reason = "cluster test" })).StatusCode);
        var clock = Stopwatch.StartNew();
        foreach (var instance in instances)
        {
            using var client = Client(instance, ApiFactory.ScoreKey);
            while (JsonDocument.Parse(await client.GetStringAsync("/v1/models/current")).RootElement.GetProperty("version").GetString() != "v0002")
            {
                Assert.True(clock.Elapsed.TotalSeconds < ReloadSeconds + 1, $"{instance} still serves the old version after {clock.Elapsed.TotalSeconds:F1} s");
                await Task.Delay(50);
            }
        }

        // kill -9 of one instance under an outcome load: every acknowledged outcome is stored, and the others keep answering.
        var acknowledged = new ConcurrentBag<string>();
        var afterKill = new ConcurrentBag<HttpStatusCode>();
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killedAt = TimeSpan.FromDays(1);
        var load = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            using var client = Client(cluster.Front, ApiFactory.ScoreKey);
            for (var n = 0; !settled.Task.IsCompleted && load.Elapsed < TimeSpan.FromMinutes(1); n++)
            {
                var lead = $"cluster-{worker}-{n}";
                HttpStatusCode status;
                try
                {
                    status = (await client.PostAsJsonAsync("/v1/outcomes", new { leadId = lead, stage = "MQL" })).StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = HttpStatusCode.BadGateway;
                }
                if (status == HttpStatusCode.Created)
                    acknowledged.Add(lead);
                if (acknowledged.Count >= 200)
                    loaded.TrySetResult();
                // HAProxy takes an instance out after two failed health checks, half a second apart; judge what follows.
                if (load.Elapsed > killedAt + TimeSpan.FromSeconds(2))
                    afterKill.Add(status);
                if (afterKill.Count >= 200)
                    settled.TrySetResult();
            }
        })).ToList();
        await loaded.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Process.GetProcessById(cluster.Pids[0]).Kill();
        killedAt = load.Elapsed;
        await Task.WhenAll(workers);

        Assert.True(settled.Task.IsCompleted, $"only {afterKill.Count} outcomes were posted after the kill in a minute");
        var stored = await StoredOutcomeLeads(cluster.PostgresPort);
        Assert.DoesNotContain(acknowledged, lead => !stored.Contains(lead));
        Assert.NotEmpty(afterKill);
        Assert.All(afterKill, status => Assert.Equal(HttpStatusCode.Created, status));
    }

    private static async Task<HashSet<string>> StoredOutcomeLeads(int port)
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT lead_id FROM outcomes WHERE lead_id LIKE 'cluster-%'", connection);
        var leads = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            leads.Add(reader.GetString(0));
        return leads;
    }

    private static HttpClient Client(Uri instance, string? key)
    {
        var client = new HttpClient { BaseAddress = instance, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<string> SignIn(Uri instance)
    {
        using var client = Client(instance, null);
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/session") { Content = JsonContent.Create(new { key = ApiFactory.ScoreKey }) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private static async Task<HttpResponseMessage> WithCookie(Uri instance, string cookie, HttpMethod method, string path)
    {
        using var client = Client(instance, null);
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return await client.SendAsync(request);
    }

    /// <summary><c>deploy/cluster.sh start N</c> on a free port range with a private copy of the registry (holding a v0002), stopped on dispose.</summary>
    private sealed class Cluster : IDisposable
    {
        private readonly TempDirectory _folder = new();
        private readonly Dictionary<string, string> _environment;

        public Cluster(int instances, double reloadSeconds)
        {
            var registry = Path.Combine(_folder.Path, "models");
            ApiFactory.CopyDirectory(Path.Combine(RepositoryRoot.Path, "models", "default"), Path.Combine(registry, "default"));
            ApiFactory.CopyDirectory(Path.Combine(registry, "default", "v0001"), Path.Combine(registry, "default", "v0002"));
            Port = FreePortRange(instances + 101);
            _environment = new Dictionary<string, string>
            {
                ["CLUSTER_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["CLUSTER_DIR"] = Path.Combine(_folder.Path, "state"),
                ["CLUSTER_REGISTRY"] = registry,
                ["Models__ReloadSeconds"] = reloadSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Auth__ApiKeys__0__Name"] = "automation",
                ["Auth__ApiKeys__0__Role"] = "score",
                ["Auth__ApiKeys__0__Key"] = ApiFactory.ScoreKey,
                ["Auth__ApiKeys__1__Name"] = "ops",
                ["Auth__ApiKeys__1__Role"] = "admin",
                ["Auth__ApiKeys__1__Key"] = ApiFactory.AdminKey,
                ["Logging__LogLevel__Default"] = "Warning",
            };
            Script($"start {instances}");
            Pids = [.. Script("pids").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];
            Ports = [.. Script("ports").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];
        }

        public int Port { get; }

        public Uri Front => new($"http://127.0.0.1:{Port}");

        public int PostgresPort => Port + 100;

        public IReadOnlyList<int> Pids { get; }

        public IReadOnlyList<int> Ports { get; }

        public void Dispose()
        {
            try
            {
                Script("stop");
            }
            finally
            {
                _folder.Dispose();
            }
        }

        private string Script(string arguments)
        {
            var start = new ProcessStartInfo("bash", $"{Path.Combine(RepositoryRoot.Path, "deploy", "cluster.sh")} {arguments}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            };
            foreach (var (name, value) in _environment)
                start.Environment[name] = value;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(300_000))
                process.Kill(entireProcessTree: true);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"deploy/cluster.sh {arguments} failed ({process.ExitCode}): {error.Result} {output.Result}");
            return output.Result;
        }

        /// <summary>The first port of <paramref name="count"/> consecutive free loopback ports.</summary>
        private static int FreePortRange(int count)
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var first = Random.Shared.Next(20_000, 60_000 - count);
                if (Enumerable.Range(first, count).All(IsFree))
                    return first;
            }
            throw new InvalidOperationException($"no {count} consecutive free ports found");
        }

        private static bool IsFree(int port)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}

/// <summary>A test that needs HAProxy and PostgreSQL, as <c>deploy/cluster.sh</c> does; skipped (and so counted as failed by CI) without them.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (!File.Exists("/usr/sbin/haproxy") || Storage.PostgresServer.FindBin() is null)
            Skip = "deploy/cluster.sh needs HAProxy and PostgreSQL (apt-get install haproxy postgresql)";
    }
}
