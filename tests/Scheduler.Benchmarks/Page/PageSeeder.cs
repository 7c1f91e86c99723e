using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Scheduler.Definitions.Loading;
using Scheduler.Engine.Reconciling;
using Scheduler.State.Store;

namespace Scheduler.Benchmarks.Page;

/// <summary>
/// Builds the benchmark's store fast: the schema by opening the real store (which migrates), then every task,
/// run and audit row with raw SQL in one transaction through prepared <c>INSERT</c>s whose parameters are reused.
/// Values are written as the EF Core model stores them: instants as Unix milliseconds, enums as their dashed names.
/// No <c>ANALYZE</c>: serve never runs it, so the query planner sees what it sees in production.
/// </summary>
internal static class PageSeeder
{
    private const string Instance = "web-1";

    private static readonly string[] Revisions = [.. Enumerable.Range(0, 13).Select(i => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)))[..12])];

    public static async Task<SeededStore> BuildAsync(string root, IReadOnlyList<SeededTask> tasks, DateTimeOffset now)
    {
        var started = Stopwatch.GetTimestamp();
        var schedules = Path.Combine(root, "schedules");
        var data = Path.Combine(root, "data");
        foreach (var task in tasks)
        {
            var path = Path.Combine(schedules, task.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, task.FileText, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        // The folder's revision and display paths exactly as serve computes them (serve runs with root as its directory).
        var files = TaskFolder.Read(schedules, root);
        var revision = FolderSource.RevisionOf(files);
        var displayPaths = files.ToDictionary(f => f.RelativePath.Replace('\\', '/')[..^".yaml".Length], f => f.DisplayPath, StringComparer.Ordinal);

        await (await SchedulerStore.OpenSqliteAsync(data)).DisposeAsync();
        Log.Info($"schema created by migrating {Path.Combine(data, "scheduler.db")}; inserting {tasks.Count} tasks and {tasks.Sum(t => (long)t.Runs)} runs");

        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, "scheduler.db"), Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        Execute(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;");

        var summaries = new TaskSummary[tasks.Count];
        var bigIds = tasks.Where(t => t.IsBig).ToDictionary(t => t.Id, t => new List<long>(t.Runs), StringComparer.Ordinal);
        var manualRuns = new List<(long RunId, string TaskId, long At)>();
        long runId = 0;
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            using var insertRun = Prepare(connection, transaction, "Runs",
                "Id", "TaskId", "Trigger", "SlotUtc", "Attempt", "Status", "StartedAt", "FinishedAt", "ExitCode", "OutputTail", "OutputBytes", "Error", "Revision", "Instance");
            var p = insertRun.Parameters;
            foreach (var run in RunGenerator.InTimeOrder(tasks))
            {
                var task = tasks[run.Task];
                runId++;
                p[0].Value = runId;
                p[1].Value = task.Id;
                p[2].Value = run.Trigger;
                p[3].Value = run.SlotMs;
                p[4].Value = run.Attempt;
                p[5].Value = run.Status;
                p[6].Value = (object?)run.StartedMs ?? DBNull.Value;
                p[7].Value = (object?)run.FinishedMs ?? DBNull.Value;
                p[8].Value = (object?)run.ExitCode ?? DBNull.Value;
                p[9].Value = run.OutputTail;
                p[10].Value = run.OutputBytes;
                p[11].Value = (object?)run.Error ?? DBNull.Value;
                p[12].Value = Revisions[(int)Math.Clamp((now.ToUnixTimeMilliseconds() - run.SlotMs) / (30L * 86_400_000), 0, Revisions.Length - 1)];
                p[13].Value = Instance;
                insertRun.ExecuteNonQuery();
                summaries[run.Task].Add(runId, run);
                if (bigIds.TryGetValue(task.Id, out var ids))
                {
                    ids.Add(runId);
                }

                if (run.Trigger == "manual")
                {
                    manualRuns.Add((runId, task.Id, run.SlotMs));
                }

                if (runId % 200_000 == 0)
                {
                    Log.Info(string.Create(CultureInfo.InvariantCulture, $"  {runId:N0} runs inserted"));
                }
            }

            using var insertTask = Prepare(connection, transaction, "Tasks",
                "Id", "SourcePath", "DefinitionYaml", "DefinitionHash", "Revision", "State", "ConfigError", "NextSlotUtc", "LastSlotUtc",
                "LastRunId", "LastRunStatus", "LastRunStartedAt", "LastRunFinishedAt", "FailureStreak", "AppliedAt", "UpdatedAt", "IsSystem");
            var t = insertTask.Parameters;
            using var insertAudit = Prepare(connection, transaction, "Audit", "At", "Action", "TaskId", "RunId", "Actor", "Result", "Detail");
            var a = insertAudit.Parameters;
            var nowMs = now.ToUnixTimeMilliseconds();
            for (var i = 0; i < tasks.Count; i++)
            {
                var task = tasks[i];
                var summary = summaries[i];
                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(task.StoredYaml)));
                var appliedAt = nowMs - (long)(RowHash.Unit(i, -1, 9) * 200 * 86_400_000L);
                var displayPath = displayPaths[task.Id];
                t[0].Value = task.Id;
                t[1].Value = displayPath;
                t[2].Value = task.StoredYaml;
                t[3].Value = hash;
                t[4].Value = task.Broken ? Revisions[1] : revision;
                t[5].Value = task.Broken ? "invalid-running-last-good" : task.Enabled ? "active" : "disabled";
                t[6].Value = task.Broken ? $"{displayPath}:1:1: SCH020 'schedul' is not a known key" : DBNull.Value;
                t[7].Value = task.NextSlotUtc is { } next ? next.ToUnixTimeMilliseconds() : DBNull.Value;
                t[8].Value = task.IsBig ? task.LastSlot.ToUnixTimeMilliseconds() : nowMs;
                t[9].Value = summary.LastRunId is { } last ? last : DBNull.Value;
                t[10].Value = (object?)summary.LastStatus ?? DBNull.Value;
                t[11].Value = (object?)summary.LastStartedMs ?? DBNull.Value;
                t[12].Value = (object?)summary.LastFinishedMs ?? DBNull.Value;
                t[13].Value = summary.FailureStreak;
                t[14].Value = appliedAt;
                t[15].Value = nowMs;
                t[16].Value = 0;
                insertTask.ExecuteNonQuery();

                Audit(a, appliedAt, "config-applied", task.Id, null, "reconciler", "added", $"hash {hash} at revision {Revisions[^1]}");
                insertAudit.ExecuteNonQuery();
            }

            foreach (var (id, taskId, at) in manualRuns)
            {
                Audit(a, at, "run-now", taskId, id, "10.0.0.5 via page", "started", null);
                insertAudit.ExecuteNonQuery();
            }

            await transaction.CommitAsync();
        }

        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        await connection.CloseAsync();
        var bytes = new FileInfo(Path.Combine(data, "scheduler.db")).Length;
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new SeededStore(
            root, schedules, data, tasks, runId, tasks.Count + manualRuns.Count, bytes, seconds,
            bigIds.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
            tasks.Select((task, i) => (task.Id, summaries[i].Count)).ToDictionary(x => x.Id, x => x.Count, StringComparer.Ordinal));
    }

    private static void Audit(SqliteParameterCollection a, long at, string action, string taskId, long? runId, string actor, string result, string? detail)
    {
        a[0].Value = at;
        a[1].Value = action;
        a[2].Value = taskId;
        a[3].Value = (object?)runId ?? DBNull.Value;
        a[4].Value = actor;
        a[5].Value = result;
        a[6].Value = (object?)detail ?? DBNull.Value;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // table and column names are this file's constants
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))});";
#pragma warning restore CA2100
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        }

        command.Prepare();
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // constant pragmas
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }

    /// <summary>What the Tasks row says about a task's runs: the last one and the failure streak.</summary>
    private struct TaskSummary
    {
        public int Count;
        public long? LastRunId;
        public string? LastStatus;
        public long? LastStartedMs;
        public long? LastFinishedMs;
        public int FailureStreak;

        public void Add(long id, GeneratedRun run)
        {
            Count++;
            LastRunId = id;
            LastStatus = run.Status;
            LastStartedMs = run.StartedMs;
            LastFinishedMs = run.FinishedMs;
            FailureStreak = run.Status switch
            {
                "failed" or "timed-out" => FailureStreak + 1,
                "succeeded" => 0,
                _ => FailureStreak,
            };
        }
    }
}
