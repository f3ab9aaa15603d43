using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PredictiveLeads.Api.Tests.Storage;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder, pg_ctl start on a free
/// loopback port, and stop and delete on dispose. As root it runs the server as the postgres user, since
/// PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _bin;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pl-pg-" + Guid.NewGuid().ToString("N"));

    public PostgresServer()
    {
        _bin = FindBin() ?? throw new InvalidOperationException(MissingReason);
        Port = FreePort();
        Run("initdb", $"-D {_directory} -U postgres --auth=trust --no-sync -E UTF8");
        Run("pg_ctl", $"-D {_directory} -l {_directory}/server.log -w -o \"-p {Port} -c listen_addresses=127.0.0.1 -k {_directory} -c fsync=off\" start");
    }

    public const string MissingReason = "PostgreSQL's initdb and pg_ctl are not installed (apt-get install postgresql); the PostgreSQL tests are skipped";

    public int Port { get; }

    public string ConnectionString(string database = "postgres") => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true";

    /// <summary>The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed.</summary>
    public static string? FindBin()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
            : [];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return candidates.Concat(path).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    public void Dispose()
    {
        try
        {
            Run("pg_ctl", $"-D {_directory} -m immediate -w stop");
        }
        finally
        {
            if (Directory.Exists(_directory))
                Directory.Delete(_directory, recursive: true);
        }
    }

    private void Run(string program, string arguments)
    {
        var asRoot = Environment.UserName == "root";
        var start = asRoot
            ? new ProcessStartInfo("runuser", $"-u postgres -- {Path.Combine(_bin, program)} {arguments}")
            : new ProcessStartInfo(Path.Combine(_bin, program), arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
            process.Kill(entireProcessTree: true);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {error.Result} {output.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A test that needs PostgreSQL: skipped, saying why, when initdb and pg_ctl are absent.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.FindBin() is null)
            Skip = PostgresServer.MissingReason;
    }
}

/// <summary>One PostgreSQL cluster shared by the tests of a class.</summary>
public sealed class PostgresFixture : IDisposable
{
    private readonly Lazy<PostgresServer> _server = new(() => new PostgresServer());

    public PostgresServer Server => _server.Value;

    public void Dispose()
    {
        if (_server.IsValueCreated)
            _server.Value.Dispose();
    }
}
