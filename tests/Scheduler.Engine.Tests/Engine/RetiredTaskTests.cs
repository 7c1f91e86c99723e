using Microsoft.Data.Sqlite;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Reconciling;
using Scheduler.State.Entities;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// A deleted file retires its task; what pointed at it or waited for it must not turn into an error or a run that
/// waits for ever: a chain to it is a warning, a queued run of it ends skipped with the reason.
/// </summary>
public sealed class RetiredTaskTests() : ReconciledFolderTests("scheduler-retired-")
{
    [Fact]
    public async Task A_chain_to_a_deleted_upstream_keeps_the_chained_task_loaded_with_the_warning_SCH103_not_flagged()
    {
        Write("export", "schedule: \"0 12 * * *\"\nshell: echo export\n");
        Write("report", "schedule: { after: export }\nshell: echo report\n");
        await ReconcileAsync();

        File.Delete(Path.Join(Schedules, "export.yaml"));
        var report = await ReconcileAsync();

        Assert.Equal(["export"], report.Retired);
        Assert.Empty(report.Flagged);
        Assert.Equal(0, report.Errors);
        var task = (await H.Runs.GetTaskAsync("report", default))!;
        Assert.Equal((TaskState.Active, (string?)null), (task.State, task.ConfigError));
        var warning = Assert.Single(await H.Runs.ListConfigErrorsAsync(default));
        Assert.Equal(("schedules/report.yaml", 1, 20, DiagnosticCodes.UpstreamRetired, "warning", "report"),
            (warning.File, warning.Line, warning.Column, warning.Code, warning.Severity, warning.TaskId));
        Assert.Equal(
            "schedule.after: upstream 'export' was deleted from the folder (retired); this task will not run after it until a file defines 'export' again.",
            warning.Message);

        // Later reconciles know it from the store's retired task; an id that never was a task stays an error.
        Write("typo", "schedule: { after: exprot }\nshell: echo typo\n");
        var later = await ReconcileAsync();
        var errors = await H.Runs.ListConfigErrorsAsync(default);
        Assert.Contains(errors, e => e.TaskId == "report" && e.Code == DiagnosticCodes.UpstreamRetired);
        Assert.Contains(errors, e => e.File == "schedules/typo.yaml" && e.Code == DiagnosticCodes.UnknownUpstream && e.Severity == "error");
        Assert.Equal(1, later.Errors);
    }

    [Fact]
    public async Task A_run_waiting_in_a_group_for_a_task_whose_file_is_deleted_ends_skipped_with_the_reason()
    {
        H.Handler.Script("holder", Fate.Block);
        Write("holder", "schedule: { manual: true }\nconcurrency: { group: db, limit: 1 }\nshell: echo holder\n");
        Write("report", "schedule: \"0 12 * * *\"\nconcurrency: { group: db, limit: 1 }\nshell: echo report\n");
        await ReconcileAsync();
        await H.Engine.RunNowAsync("holder"); // takes the group's one place
        var holder = (await H.WaitForCallsAsync("holder", 1))[0];
        H.Clock.Advance(TimeSpan.FromSeconds(30)); // 12:00: report waits queued in the group
        var queued = Assert.Single(await H.WaitForRunsAsync("report", r => r.Count == 1 && r[0].Status == RunStatus.Queued, "report to wait in the group"));

        File.Delete(Path.Join(Schedules, "report.yaml"));
        await ReconcileAsync();

        var skipped = await H.WaitForStatusAsync(queued.Id, RunStatus.Skipped);
        Assert.Equal("task report was retired (its file was deleted) while this run waited", skipped.Error);
        Assert.Equal(H.Now, skipped.FinishedAt);
        var task = (await H.Runs.GetTaskAsync("report", default))!;
        Assert.Equal((TaskState.Retired, RunStatus.Skipped, queued.Id), (task.State, task.LastRunStatus, task.LastRunId));
        holder.Release();
        await H.WaitForStatusAsync(holder.Context.RunId, RunStatus.Succeeded);
        Assert.Single(await H.RunsOfAsync("report")); // nothing started it
    }

    [Fact]
    public async Task A_run_waiting_in_a_group_its_task_moves_to_another_group_follows_it_there_and_starts()
    {
        var (queued, holder) = await WaitInGroupAsync();

        Write("report", "schedule: \"0 12 * * *\"\nconcurrency: { group: reports, limit: 1 }\nshell: echo report\n");
        await ReconcileAsync();
        H.Clock.Advance(TimeSpan.FromSeconds(2)); // the groups' next look

        var call = (await H.WaitForCallsAsync("report", 1))[0];
        Assert.Equal(queued.Id, call.Context.RunId);
        Assert.Equal(("reports", RunStatus.Succeeded), await Done(queued.Id));
        holder.Release();
    }

    [Fact]
    public async Task A_run_waiting_in_a_group_its_task_leaves_ends_skipped_with_the_reason()
    {
        var (queued, holder) = await WaitInGroupAsync();

        Write("report", "schedule: \"0 12 * * *\"\nshell: echo report\n");
        await ReconcileAsync();

        var skipped = await H.WaitForStatusAsync(queued.Id, RunStatus.Skipped);
        Assert.Equal("task report left concurrency group db while this run waited", skipped.Error);
        Assert.Equal(RunStatus.Skipped, (await H.Runs.GetTaskAsync("report", default))!.LastRunStatus);
        holder.Release();
    }

    /// <summary>holder takes group db's one place; report's 12:00 run waits queued behind it.</summary>
    private async Task<(Scheduler.State.Entities.RunRecord Queued, HandlerCall Holder)> WaitInGroupAsync()
    {
        H.Handler.Script("holder", Fate.Block);
        Write("holder", "schedule: { manual: true }\nconcurrency: { group: db, limit: 1 }\nshell: echo holder\n");
        Write("report", "schedule: \"0 12 * * *\"\nconcurrency: { group: db, limit: 1 }\nshell: echo report\n");
        await ReconcileAsync();
        await H.Engine.RunNowAsync("holder");
        var holder = (await H.WaitForCallsAsync("holder", 1))[0];
        H.Clock.Advance(TimeSpan.FromSeconds(30));
        var queued = Assert.Single(await H.WaitForRunsAsync("report", r => r.Count == 1 && r[0].Status == RunStatus.Queued, "report to wait in the group"));
        return (queued, holder);
    }

    private async Task<(string? Group, RunStatus Status)> Done(long runId)
    {
        var run = await H.WaitForRunAsync(runId, r => r.Status == RunStatus.Succeeded, "the moved run to succeed");
        return (run.ConcurrencyGroup, run.Status);
    }

    [Fact]
    public async Task A_chained_run_a_crash_left_queued_for_a_task_then_deleted_ends_skipped_and_nothing_else_is_touched()
    {
        Write("export", "schedule: \"0 12 * * *\"\nshell: echo export\n");
        Write("report", "schedule: { after: export }\nshell: echo report\n");
        Write("audit", "schedule: { after: export }\nshell: echo audit\n");
        await ReconcileAsync();
        var reportRun = await InsertQueuedChainedAsync("report", 1001);
        var auditRun = await InsertQueuedChainedAsync("audit", 1002);

        File.Delete(Path.Join(Schedules, "report.yaml"));
        await ReconcileAsync();

        var runs = (await H.RunsOfAsync()).ToDictionary(r => r.Id);
        Assert.Equal((RunStatus.Skipped, "task report was retired (its file was deleted) while this run waited"), (runs[reportRun].Status, runs[reportRun].Error));
        Assert.Equal(RunStatus.Queued, runs[auditRun].Status); // its task is still there: the chain starter's to claim
    }

    [Fact]
    public async Task A_jittered_tasks_next_slot_as_stored_for_the_page_is_moved_by_its_own_offset()
    {
        Write("spread", "schedule: \"0 * * * *\"\njitter: 10m\nshell: echo spread\n");

        await ReconcileAsync();

        var offset = Definitions.Scheduling.JitterOffset.For("spread", TimeSpan.FromMinutes(10));
        Assert.InRange(offset, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero) + offset, (await H.Runs.GetTaskAsync("spread", default))!.NextSlotUtc);
    }

    /// <summary>A chained run as the end writer queues it, left unclaimed: what a crash between the upstream's end and the claim leaves.</summary>
    private async Task<long> InsertQueuedChainedAsync(string taskId, long upstreamRunId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Join(H.DataDirectory, "scheduler.db")};Pooling=False");
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO "Runs" ("TaskId", "Trigger", "SlotUtc", "Attempt", "Status", "OutputTail", "OutputBytes", "Revision", "Instance", "UpstreamRunIds")
            VALUES ($task, 'after', $slot, 1, 'queued', '', 0, 'rev', 'a', $ids)
            RETURNING "Id"
            """;
        insert.Parameters.AddWithValue("$task", taskId);
        insert.Parameters.AddWithValue("$slot", H.Now.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$ids", upstreamRunId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return (long)(await insert.ExecuteScalarAsync())!;
    }
}
