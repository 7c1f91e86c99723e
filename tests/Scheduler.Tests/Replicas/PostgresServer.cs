using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Scheduler.Tests.Replicas;

/// <summary>
/// A private PostgreSQL cluster for the test run: <c>initdb</c> in a temp folder, <c>pg_ctl start</c> on a free
/// loopback port with trust authentication, stopped and deleted at the end. No system service, no Docker.
/// Debian's <c>postgresql</c> package provides the binaries (<c>.ci/run</c> installs it).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string BinGlob = "/usr/lib/postgresql";

    private string _root = "";
    private string _bin = "";
    private int _port;

    /// <summary>A connection string for <paramref name="database"/> on this cluster.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "postgres", Database = database }.ConnectionString;

    /// <summary>Creates an empty database with a fresh name, so each test starts from nothing.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        _root = Directory.CreateTempSubdirectory("scheduler-pg-").FullName;
        _port = Serve.ServeProcess.FreePort();
        var data = Path.Combine(_root, "data");
        // initdb refuses to run as root: the cluster belongs to the postgres user, as Debian's does.
        if (RunsAsRoot())
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _root]);
        }

        await RunAsPostgresAsync(Path.Combine(_bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
        // Durability is not what these tests are about; fsync off keeps a 2-core machine responsive.
        var serverOptions = string.Create(
            CultureInfo.InvariantCulture,
            $"-p {_port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
        await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), ["-D", data, "-o", serverOptions, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "start"]);
    }

    public async Task DisposeAsync()
    {
        if (_root.Length == 0)
        {
            return;
        }

        try
        {
            await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string FindBinaries()
    {
        var versions = Directory.Exists(BinGlob)
            ? Directory.GetDirectories(BinGlob)
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .ToList()
            : [];
        return versions.Count > 0
            ? Path.Combine(versions[0], "bin")
            : throw new InvalidOperationException(
                $"PostgreSQL is not installed: no {BinGlob}/*/bin/initdb. Install Debian's package (apt-get install -y postgresql); .ci/run does.");
    }

    private static bool RunsAsRoot() => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    private Task RunAsPostgresAsync(string program, IEnumerable<string> arguments) =>
        RunsAsRoot() ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    private async Task RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_root, "server.log");
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{await output}\n{await error}\n{(File.Exists(log) ? await File.ReadAllTextAsync(log) : "")}");
        }
    }
}
