using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Scheduler.Benchmarks.Measurement;
using Scheduler.Definitions.Loading;
using Scheduler.State.Store;

namespace Scheduler.Benchmarks.Page;

/// <summary>
/// Where a page's time goes: a second serve with <c>Microsoft.EntityFrameworkCore.Database.Command</c> at
/// Information gives the SQL each request runs (how many commands, their logged ms); the same store calls the
/// pages make, timed in this process with a stopwatch, give the database side precisely; <c>EXPLAIN QUERY PLAN</c>
/// shows which index each command uses; and parsing every stored definition once is what a cold overview pays.
/// </summary>
internal sealed partial class PageProfile
{
    private const int StoreCallRounds = 30;

    // serve has run each call thousands of times, so its code is the JIT's optimized tier; this process would time the
    // first, unoptimized tier after a few calls (several times slower): call each often, then give the JIT a moment.
    private const int WarmUpCalls = 100;

    private readonly Dictionary<string, (double ServerMs, int Queries, double LoggedDbMs)> _perKind = new(StringComparer.Ordinal);
    private readonly List<(string Call, double Ms)> _storeCalls = [];
    private readonly List<(string Sql, int MaxMs, int Count, IReadOnlyList<string> Plan)> _queries = [];

    // The store calls each handler makes on every request, read from src/Scheduler.Web (PageBuilder, TaskList,
    // PicturePages, TaskApi, RunApi): prefixes of the names timed below. The lists read the task rows only when the
    // signature moved (a task changed), and the pauses at most once a second: neither is a per-request call.
    private static readonly Dictionary<string, string[]> CallsPerKind = new(StringComparer.Ordinal)
    {
        ["overview"] = ["Tasks' signature", "ListInstancesAsync", "ListConfigErrorsAsync"],
        ["overview_state"] = ["Tasks' signature", "ListInstancesAsync", "ListConfigErrorsAsync"],
        ["overview_folder"] = ["Tasks' signature", "ListInstancesAsync", "ListConfigErrorsAsync"],
        ["overview_q"] = ["Tasks' signature", "ListInstancesAsync", "ListConfigErrorsAsync"],
        ["failures"] = ["Latest failures"],
        ["task_top"] = ["GetTaskAsync", "ListRunsAsync(big task, 50, top)", "ListAuditAsync"],
        ["task_deep"] = ["GetTaskAsync", "ListRunsAsync(big task, 50, before middle)", "ListRunsAsync(big task, 50, top)", "ListAuditAsync"],
        ["task_small"] = ["GetTaskAsync", "ListRunsAsync(typical task, 50, top)", "ListAuditAsync"],
        ["task_small_deep"] = ["GetTaskAsync", "ListRunsAsync(typical task, 50, before middle)", "ListRunsAsync(typical task, 50, top)", "ListAuditAsync"],
        ["run"] = ["GetRunAsync", "GetTaskAsync"],
        ["api_tasks"] = ["ListTasksAsync"],
        ["api_runs"] = ["GetTaskAsync", "GetTaskAsync", "ListRunsAsync(big task, 50, before middle)"],
    };

    public double DefinitionParseMs { get; private set; }

    public int? QueriesPerRequest(PageKind kind) => _perKind.TryGetValue(kind.Key, out var k) ? k.Queries : null;

    public static long MiddleRunId(SeededStore store, string taskId)
    {
        using var connection = Open(store);
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM Runs WHERE TaskId = $t";
        count.Parameters.AddWithValue("$t", taskId);
        var n = (long)count.ExecuteScalar()!;
        using var middle = connection.CreateCommand();
        middle.CommandText = "SELECT Id FROM Runs WHERE TaskId = $t ORDER BY Id LIMIT 1 OFFSET $o";
        middle.Parameters.AddWithValue("$t", taskId);
        middle.Parameters.AddWithValue("$o", n / 2);
        return (long)middle.ExecuteScalar()!;
    }

    public static async Task<PageProfile> RunAsync(SeededStore store, IReadOnlyList<PageKind> kinds)
    {
        var profile = new PageProfile();
        var sql = new SqlCapture();
        await profile.TimeStoreCallsAsync(store, kinds, sql);
        using var connection = Open(store);
        foreach (var (text, count) in sql.Commands.GroupBy(c => c, StringComparer.Ordinal).Select(g => (g.Key, g.Count())))
        {
            profile._queries.Add((text, 0, count, Explain(connection, text)));
        }

        return profile;
    }

    /// <summary>The server-side p50 of each kind less the store calls its handler makes (from the in-process timings).</summary>
    public void Attribute(IReadOnlyDictionary<string, double> serverP50)
    {
        foreach (var (kind, calls) in CallsPerKind)
        {
            if (serverP50.TryGetValue(kind, out var server))
            {
                var db = calls.Sum(c => _storeCalls.FirstOrDefault(s => s.Call.StartsWith(c, StringComparison.Ordinal)).Ms);
                _perKind[kind] = (server, calls.Length, db);
            }
        }
    }

    public void WriteTo(TextWriter output)
    {
        output.WriteLine("where the time goes: server p50 less the store calls the handler makes (timed in-process below):");
        var table = new TextTable("page", "server p50 ms", "store calls", "store ms", "rest ms (view model, render, HTTP)");
        foreach (var (key, (server, queries, db)) in _perKind)
        {
            table.Add(key, F(server), queries.ToString(CultureInfo.InvariantCulture), F(db), F(server - db));
        }

        table.WriteTo(output);
        output.WriteLine();
        output.WriteLine("the store calls the pages make, timed in this process (EF Core, median of 30, ms):");
        var calls = new TextTable("store call", "ms");
        foreach (var (call, ms) in _storeCalls)
        {
            calls.Add(call, F(ms));
        }

        calls.Add("parse every stored definition once (TaskReader.Read; what the first overview pays)", F(DefinitionParseMs));
        calls.WriteTo(output);
        output.WriteLine();
        output.WriteLine("the SQL of those calls (EF Core's Database.Command log) with EXPLAIN QUERY PLAN:");
        foreach (var (sql, _, _, plan) in _queries)
        {
            output.WriteLine($"- {Shorten(sql)}");
            foreach (var line in plan)
            {
                output.WriteLine($"    {line}");
            }
        }
    }

    private async Task TimeStoreCallsAsync(SeededStore store, IReadOnlyList<PageKind> kinds, SqlCapture sql)
    {
        // The SQL is captured from a store that logs; the times are taken on one that does not (EF Core's logging
        // of every command would be timed too, and serve does not log them).
        using var loggers = LoggerFactory.Create(b => b.AddProvider(sql).SetMinimumLevel(LogLevel.Warning).AddFilter(SqlCapture.Category, LogLevel.Information));
        await using var logged = await SchedulerStore.OpenSqliteAsync(store.Data, loggers);
        await using var plain = await SchedulerStore.OpenSqliteAsync(store.Data);
        var big = store.BigTaskRunIds.MaxBy(kv => kv.Value.Length);
        var middle = big.Value[big.Value.Length / 2];
        var smallPath = kinds.First(k => k.Key == "task_small").Path(0);
        var small = smallPath["/tasks/".Length..];
        var smallMiddle = MiddleRunId(store, small);
        var calls = new (string Name, Func<SchedulerStore, Task> Call)[]
        {
            ("ListTasksAsync (/api/tasks: every task row)", s => s.Runs.ListTasksAsync(default)),
            ("Tasks' signature (every request of the lists: Web's TaskSummaries)", PageStoreCalls.SignatureAsync),
            ("Tasks without their text (the lists, after a task changed: Web's TaskSummaries)", PageStoreCalls.TasksWithoutTextAsync),
            ("ListInstancesAsync (overview)", s => s.Runs.ListInstancesAsync(default)),
            ("ListConfigErrorsAsync (every page header)", s => s.Runs.ListConfigErrorsAsync(default)),
            ("Latest failures (/failures: Web's PictureQueries)", PageStoreCalls.LatestFailuresAsync),
            ("GetTaskAsync (task page)", s => s.Runs.GetTaskAsync(big.Key, default)),
            ("ListRunsAsync(big task, 50, top)", s => s.Runs.ListRunsAsync(big.Key, 50, null, default)),
            ("ListRunsAsync(big task, 50, before middle)", s => s.Runs.ListRunsAsync(big.Key, 50, middle, default)),
            ("ListRunsAsync(typical task, 50, top)", s => s.Runs.ListRunsAsync(small, 50, null, default)),
            ("ListRunsAsync(typical task, 50, before middle)", s => s.Runs.ListRunsAsync(small, 50, smallMiddle, default)),
            ("ListAuditAsync(big task, 50)", s => s.Runs.ListAuditAsync(big.Key, 50, null, default)),
            ("GetRunAsync (run page)", s => s.Runs.GetRunAsync(middle, default)),
        };
        foreach (var (name, call) in calls)
        {
            sql.Enabled = true;
            await call(logged);
            sql.Enabled = false;
            for (var i = 0; i < WarmUpCalls; i++)
            {
                await call(plain);
            }

            await Task.Delay(500);

            var samples = new List<double>();
            for (var i = 0; i < StoreCallRounds; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await call(plain);
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            _storeCalls.Add((name, Variant.Median(samples)));
        }

        var records = await plain.Runs.ListTasksAsync(default);
        var parses = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var started = Stopwatch.GetTimestamp();
            foreach (var record in records)
            {
                _ = TaskReader.Read(new SourceFile(record.Id + ".yaml", record.SourcePath, Encoding.UTF8.GetBytes(record.DefinitionYaml)), DateTimeOffset.UtcNow);
            }

            parses.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        DefinitionParseMs = Variant.Median(parses);
    }

    private static List<string> Explain(SqliteConnection connection, string sql)
    {
        try
        {
            using var command = connection.CreateCommand();
#pragma warning disable CA2100 // SQL that serve itself ran, explained read-only
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
#pragma warning restore CA2100
            foreach (var name in Parameter().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal))
            {
                command.Parameters.AddWithValue(name, 50); // plans do not depend on values: serve never runs ANALYZE
            }

            using var reader = command.ExecuteReader();
            var plan = new List<string>();
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }

            return plan;
        }
        catch (SqliteException e)
        {
            return [$"(not explained: {e.Message})"];
        }
    }

    private static SqliteConnection Open(SeededStore store)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(store.Data, "scheduler.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static string Shorten(string sql)
    {
        var flat = Whitespace().Replace(sql, " ");
        return flat.Length <= 260 ? flat : flat[..260] + " ...";
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
