using Microsoft.Extensions.Time.Testing;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.SystemTasks;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Engine.Tests.SystemTasks;

public sealed class SystemRunHandlerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 3, 17, 0, TimeSpan.Zero);
    private readonly string _data = Directory.CreateTempSubdirectory("scheduler-system-").FullName;
    private SchedulerStore _store = null!;

    public async Task InitializeAsync() => _store = await SchedulerStore.OpenSqliteAsync(_data);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task History_retention_deletes_runs_by_age_and_beyond_the_count_per_task_and_says_so()
    {
        // Old runs of "a" (200 and 100 days ago) and five recent ones of "b"; keep at most 3 per task, 90 days.
        foreach (var (taskId, daysAgo) in new[] { ("a", 200), ("a", 100), ("a", 1), ("b", 5), ("b", 4), ("b", 3), ("b", 2), ("b", 1) })
        {
            var slot = Now.AddDays(-daysAgo);
            var id = await _store.Runs.TryClaimAsync(taskId, slot, 1, RunTrigger.Schedule, "r", "i", slot, default);
            await _store.Runs.FinishAsync(id!.Value, RunStatus.Succeeded, 0, "", 0, null, slot.AddSeconds(1), default);
        }

        var options = new SystemTaskOptions { MaxAgeDays = 90, MaxRunsPerTask = 3, BatchSize = 1 };
        var task = SystemTaskCatalog.Create(options).Single(t => t.Id == "system/history-retention");
        var output = new OutputTail();
        var outcome = await new SystemRunHandler(_store.Runs, options)
            .RunAsync(new RunContext(task.Definition, 99, Now, 1, RunTrigger.System, output, new FakeTimeProvider(Now)), default);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        var left = await _store.Runs.ListRunsAsync(null, 100, null, default);
        Assert.Equal([("a", 1), ("b", 1), ("b", 2), ("b", 3)], left.Select(r => (r.TaskId, (int)(Now - r.SlotUtc).TotalDays)).Order());
        Assert.Equal("deleted 2 run(s) older than 90 days and 2 beyond 3 per task, 0 notification(s) older than 90 days and 0 audit entr(ies) older than 365 days\n", output.ToText());
    }

    [Fact]
    public async Task History_retention_deletes_notifications_and_audit_entries_by_their_own_ages()
    {
        // Audit entries and settled notifications 400, 100 and 10 days old, and a pending notification 400 days old.
        foreach (var daysAgo in new[] { 400, 100, 10 })
        {
            var at = Now.AddDays(-daysAgo);
            await _store.Runs.AddAuditAsync(new AuditRecord { At = at, Action = AuditActions.RunNow, TaskId = "a", Actor = "127.0.0.1", Result = "started", Detail = $"{daysAgo}" }, default);
            await _store.Runs.AddNotificationAsync(Notification("sent", at, $"{daysAgo}"), default);
        }

        await _store.Runs.AddNotificationAsync(Notification("pending", Now.AddDays(-400), "pending"), default);
        var options = new SystemTaskOptions { MaxAgeDays = 90, NotificationMaxAgeDays = 30, AuditMaxAgeDays = 180, BatchSize = 1 };

        var output = await RetainAsync(options);

        Assert.Equal(["10"], (await _store.Runs.ListNotificationsAsync("a", 10, default)).Where(n => n.Status == "sent").Select(n => n.Target));
        Assert.Contains(await _store.Runs.ListNotificationsAsync("a", 10, default), n => n.Status == "pending"); // not settled: never deleted
        Assert.Equal(["10", "100"], (await _store.Runs.ListAuditAsync("a", 10, null, default)).Select(a => a.Detail));
        Assert.Equal("deleted 0 run(s) older than 90 days and 0 beyond 10000 per task, 2 notification(s) older than 30 days and 1 audit entr(ies) older than 180 days\n", output);
    }

    [Fact]
    public async Task Zero_days_keeps_notifications_and_audit_entries_forever_and_notifications_follow_runs_when_unset()
    {
        await _store.Runs.AddAuditAsync(new AuditRecord { At = Now.AddDays(-4000), Action = AuditActions.RunNow, TaskId = "a", Result = "started" }, default);
        await _store.Runs.AddNotificationAsync(Notification("failed", Now.AddDays(-4000), "old"), default);

        var output = await RetainAsync(new SystemTaskOptions { MaxAgeDays = 90, NotificationMaxAgeDays = 0, AuditMaxAgeDays = 0 });

        Assert.Single(await _store.Runs.ListAuditAsync("a", 10, null, default));
        Assert.Single(await _store.Runs.ListNotificationsAsync("a", 10, default));
        Assert.EndsWith("no notification(s) (kept forever) and no audit entr(ies) (kept forever)\n", output, StringComparison.Ordinal);
        Assert.Contains("notifications older than 90 days", SystemTaskCatalog.Create(new SystemTaskOptions { MaxAgeDays = 90 })[0].Definition.Description, StringComparison.Ordinal);
    }

    private async Task<string> RetainAsync(SystemTaskOptions options)
    {
        var task = SystemTaskCatalog.Create(options).Single(t => t.Id == "system/history-retention");
        var output = new OutputTail();
        var outcome = await new SystemRunHandler(_store.Runs, options)
            .RunAsync(new RunContext(task.Definition, 99, Now, 1, RunTrigger.System, output, new FakeTimeProvider(Now)), default);
        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        return output.ToText();
    }

    private static NotificationRecord Notification(string status, DateTimeOffset at, string target) => new()
    {
        TaskId = "a", Event = "failure", Target = target, Status = status, CreatedAt = at, UpdatedAt = at, Instance = "i",
    };

    [Fact]
    public void The_system_tasks_run_on_their_configured_schedules_in_utc()
    {
        var tasks = SystemTaskCatalog.Create(new SystemTaskOptions { RetentionSchedule = "0 4 * * *", VacuumSchedule = "0 5 * * 0" });

        Assert.Equal(["system/history-retention", "system/vacuum"], tasks.Select(t => t.Id));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 4, 0, 0, TimeSpan.Zero), tasks[0].Definition.Slots.NextAfter(Now)!.Value.Utc);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 5, 0, 0, TimeSpan.Zero), tasks[1].Definition.Slots.NextAfter(Now)!.Value.Utc);
    }

    [Fact]
    public void A_bad_schedule_in_the_settings_is_an_error_that_names_the_setting() =>
        Assert.Contains("system/vacuum's schedule, 'whenever'",
            Assert.Throws<InvalidOperationException>(() => SystemTaskCatalog.Create(new SystemTaskOptions { VacuumSchedule = "whenever" })).Message,
            StringComparison.Ordinal);
}
