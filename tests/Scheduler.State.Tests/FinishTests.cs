using Scheduler.Definitions.Runs;
using Scheduler.State.Store;
using Scheduler.State.Tests.Support;
using static Scheduler.State.Tests.Support.Fixtures;

namespace Scheduler.State.Tests;

public sealed class FinishTests
{
    [Fact]
    public async Task Failures_grow_the_streak_and_a_success_resets_it()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.AddTaskAsync("t");

        Assert.Equal(1, await RunAsync(store, Slot, RunStatus.Failed));
        Assert.Equal(2, await RunAsync(store, Slot.AddHours(1), RunStatus.TimedOut));
        Assert.Equal(2, await RunAsync(store, Slot.AddHours(2), RunStatus.Cancelled));
        Assert.Equal(0, await RunAsync(store, Slot.AddHours(3), RunStatus.Succeeded));
    }

    [Fact]
    public async Task Finishing_a_run_records_its_outcome_and_the_task_summary()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.AddTaskAsync("t");
        var id = (await store.Runs.TryClaimAsync("t", Slot, 1, RunTrigger.Schedule, Revision, Instance, Slot, TestTimeout.Token))!.Value;

        Assert.True(await store.Runs.FinishAsync(id, RunStatus.Failed, 3, "tail", 70_000, "exit code 3", Slot.AddSeconds(9), TestTimeout.Token));

        var run = await store.Runs.GetRunAsync(id, TestTimeout.Token);
        Assert.NotNull(run);
        Assert.Equal((RunStatus.Failed, 3, "tail", 70_000L, "exit code 3", Slot.AddSeconds(9)), (run.Status, run.ExitCode, run.OutputTail, run.OutputBytes, run.Error, run.FinishedAt));
        var task = await store.Runs.GetTaskAsync("t", TestTimeout.Token);
        Assert.NotNull(task);
        Assert.Equal((id, RunStatus.Failed, Slot.AddSeconds(9)), (task.LastRunId, task.LastRunStatus, task.LastRunFinishedAt));
    }

    [Fact]
    public async Task Finishing_a_run_already_marked_interrupted_changes_nothing()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.AddTaskAsync("t");
        var id = (await store.Runs.TryClaimAsync("t", Slot, 1, RunTrigger.Schedule, Revision, Instance, Slot, TestTimeout.Token))!.Value;
        await store.Runs.MarkInterruptedAsync(Instance, Slot.AddMinutes(1), "The scheduler restarted.", TestTimeout.Token);

        var finished = await store.Runs.FinishAsync(id, RunStatus.Failed, 1, "late", 4, null, Slot.AddMinutes(2), TestTimeout.Token);

        Assert.False(finished);
        var run = await store.Runs.GetRunAsync(id, TestTimeout.Token);
        Assert.Equal((RunStatus.Interrupted, "The scheduler restarted.", Slot.AddMinutes(1)), (run!.Status, run.Error, run.FinishedAt));
        var task = await store.Runs.GetTaskAsync("t", TestTimeout.Token);
        Assert.Equal((0, RunStatus.Interrupted), (task!.FailureStreak, task.LastRunStatus));
    }

    [Fact]
    public async Task An_older_run_finishing_late_does_not_replace_the_newer_run_in_the_summary()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.AddTaskAsync("t");
        var older = (await store.Runs.TryClaimAsync("t", Slot, 1, RunTrigger.Schedule, Revision, Instance, Slot, TestTimeout.Token))!.Value;
        var newer = (await store.Runs.TryClaimAsync("t", Slot.AddHours(1), 1, RunTrigger.Schedule, Revision, Instance, Slot.AddHours(1), TestTimeout.Token))!.Value;

        await store.Runs.FinishAsync(older, RunStatus.Failed, 1, "", 0, null, Slot.AddHours(2), TestTimeout.Token);

        var task = await store.Runs.GetTaskAsync("t", TestTimeout.Token);
        Assert.Equal((newer, RunStatus.Running, 1), (task!.LastRunId, task.LastRunStatus, task.FailureStreak));
    }

    [Fact]
    public async Task Live_output_is_stored_only_while_the_run_is_running()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        var id = (await store.Runs.TryClaimAsync("t", Slot, 1, RunTrigger.Schedule, Revision, Instance, Slot, TestTimeout.Token))!.Value;

        Assert.True(await store.Runs.UpdateOutputAsync(id, "line 1\n", 7, TestTimeout.Token));
        await store.Runs.FinishAsync(id, RunStatus.Succeeded, 0, "line 1\nline 2\n", 14, null, Slot.AddSeconds(1), TestTimeout.Token);
        Assert.False(await store.Runs.UpdateOutputAsync(id, "stale", 5, TestTimeout.Token));

        Assert.Equal("line 1\nline 2\n", (await store.Runs.GetRunAsync(id, TestTimeout.Token))!.OutputTail);
    }

    private static async Task<int> RunAsync(SchedulerStore store, DateTimeOffset slot, RunStatus outcome)
    {
        var id = await store.Runs.TryClaimAsync("t", slot, 1, RunTrigger.Schedule, Revision, Instance, slot, TestTimeout.Token);
        await store.Runs.FinishAsync(id!.Value, outcome, null, "", 0, null, slot.AddMinutes(1), TestTimeout.Token);
        return (await store.Runs.GetTaskAsync("t", TestTimeout.Token))!.FailureStreak;
    }
}
