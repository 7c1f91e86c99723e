using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;
using Scheduler.State.Store;

namespace Scheduler.Benchmarks.Page;

/// <summary>
/// The store calls of the web project's lists and pictures that the benchmark cannot call (they are internal to
/// src/Scheduler.Web), written again with the same SQL or the same EF query, for <see cref="PageProfile"/> to time.
/// </summary>
internal static class PageStoreCalls
{
    // As src/Scheduler.Web/Views/TaskSummaries.cs's SignatureSql: read on every request of the lists.
    private const string SignatureSql = """
        SELECT COUNT(*), SUM("UpdatedAt"), SUM("AppliedAt"), SUM(COALESCE("NextSlotUtc", 0)), SUM(COALESCE("LastSlotUtc", 0)),
               SUM(COALESCE("LastRunId", 0)), SUM(COALESCE("LastRunStartedAt", 0)), SUM(COALESCE("LastRunFinishedAt", 0)),
               SUM("FailureStreak"), SUM(LENGTH("State")), SUM(LENGTH(COALESCE("LastRunStatus", ''))), SUM(LENGTH(COALESCE("ConfigError", '')))
        FROM "Tasks"
        """;

    private static readonly RunStatus[] Failures = [RunStatus.Failed, RunStatus.TimedOut, RunStatus.Interrupted];

    /// <summary>The one row of sums over the Tasks table that says whether any task changed (TaskSummaries).</summary>
    public static async Task SignatureAsync(SchedulerStore store)
    {
        await using var db = await store.Contexts.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = SignatureSql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                _ = reader.GetValue(i);
            }
        }
    }

    /// <summary>The same columns as TaskSummaries reads after a task changed (it reads them with a plain reader).</summary>
    public static async Task TasksWithoutTextAsync(SchedulerStore store)
    {
        await using var db = await store.Contexts.CreateDbContextAsync();
        _ = await db.Tasks.AsNoTracking().OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.SourcePath, t.DefinitionHash, t.Revision, t.State, t.ConfigError, t.NextSlotUtc, t.LastSlotUtc, t.LastRunId, t.LastRunStatus, t.LastRunStartedAt, t.LastRunFinishedAt, t.FailureStreak, t.AppliedAt, t.UpdatedAt, t.IsSystem })
            .ToListAsync();
    }

    /// <summary>As PictureQueries.LatestFailuresAsync: the 200 newest failed, timed-out and interrupted runs (/failures).</summary>
    public static async Task LatestFailuresAsync(SchedulerStore store)
    {
        await using var db = await store.Contexts.CreateDbContextAsync();
        _ = await db.Runs.AsNoTracking()
            .Where(r => Failures.Contains(r.Status))
            .OrderByDescending(r => r.Id)
            .Take(200)
            .Select(r => new { r.Id, r.TaskId, r.Status, r.SlotUtc, r.StartedAt, r.ExitCode, r.Error, r.OutputTail })
            .ToListAsync();
    }
}
