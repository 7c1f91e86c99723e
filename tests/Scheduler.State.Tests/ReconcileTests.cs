using Scheduler.State.Entities;
using Scheduler.State.Store;
using Scheduler.State.Tests.Support;
using static Scheduler.State.Tests.Support.Fixtures;

namespace Scheduler.State.Tests;

public sealed class ReconcileTests
{
    [Fact]
    public async Task Applying_a_definition_audits_only_when_its_hash_changes()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();

        var added = await store.Runs.UpsertTaskAsync(Definition("t", "h1", Slot), Slot, TestTimeout.Token);
        var same = await store.Runs.UpsertTaskAsync(Definition("t", "h1", Slot.AddDays(1)), Slot.AddHours(1), TestTimeout.Token);
        var changed = await store.Runs.UpsertTaskAsync(Definition("t", "h2", Slot.AddDays(1)), Slot.AddHours(2), TestTimeout.Token);

        Assert.Equal((UpsertOutcome.Added, UpsertOutcome.Unchanged, UpsertOutcome.Changed), (added, same, changed));
        var task = await store.Runs.GetTaskAsync("t", TestTimeout.Token);
        Assert.Equal(("h2", Slot.AddHours(2), Slot.AddHours(2), Slot.AddDays(1)), (task!.DefinitionHash, task.AppliedAt, task.UpdatedAt, task.NextSlotUtc));
        var audit = await store.Runs.ListAuditAsync(10, null, TestTimeout.Token);
        Assert.Equal<string>(["changed", "added"], audit.Select(a => a.Result));
        Assert.All(audit, a => Assert.Equal((AuditActions.ConfigApplied, "t", "reconciler"), (a.Action, a.TaskId, a.Actor)));
    }

    [Fact]
    public async Task A_set_of_definitions_is_stored_in_one_call_with_each_ones_outcome_as_one_by_one()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();

        var first = await store.Runs.UpsertTasksAsync([Definition("a", "h1", Slot), Definition("b", "h1", Slot)], Slot, TestTimeout.Token);
        var second = await store.Runs.UpsertTasksAsync([Definition("a", "h1", Slot), Definition("b", "h2", Slot), Definition("c", "h1", Slot)], Slot.AddHours(1), TestTimeout.Token);

        Assert.Equal([UpsertOutcome.Added, UpsertOutcome.Added], first);
        Assert.Equal([UpsertOutcome.Unchanged, UpsertOutcome.Changed, UpsertOutcome.Added], second);
        Assert.Equal(("h2", Slot.AddHours(1)), ((await store.Runs.GetTaskAsync("b", TestTimeout.Token))!.DefinitionHash, (await store.Runs.GetTaskAsync("b", TestTimeout.Token))!.AppliedAt));
        Assert.Equal(Slot, (await store.Runs.GetTaskAsync("a", TestTimeout.Token))!.UpdatedAt); // unchanged: not touched
        var audit = await store.Runs.ListAuditAsync(10, null, TestTimeout.Token);
        Assert.Equal<string>(["added", "changed", "added", "added"], audit.Select(a => a.Result));
    }

    [Fact]
    public async Task An_invalid_file_keeps_the_last_good_definition_flagged_until_it_is_fixed()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.Runs.UpsertTaskAsync(Definition("t", "good"), Slot, TestTimeout.Token);

        Assert.True(await store.Runs.FlagInvalidAsync("t", "schedules/t.yaml:3:9: SCH012 bad cron", Slot.AddHours(1), TestTimeout.Token));
        var flagged = await store.Runs.GetTaskAsync("t", TestTimeout.Token);
        await store.Runs.UpsertTaskAsync(Definition("t", "fixed"), Slot.AddHours(2), TestTimeout.Token);
        var fixedTask = await store.Runs.GetTaskAsync("t", TestTimeout.Token);

        Assert.Equal((TaskState.InvalidRunningLastGood, "good", "schedules/t.yaml:3:9: SCH012 bad cron"), (flagged!.State, flagged.DefinitionHash, flagged.ConfigError));
        Assert.Equal((TaskState.Active, "fixed", null), (fixedTask!.State, fixedTask.DefinitionHash, fixedTask.ConfigError));
        Assert.False(await store.Runs.FlagInvalidAsync("never-valid", "x", Slot, TestTimeout.Token));
    }

    [Fact]
    public async Task A_retired_task_keeps_its_history_and_is_not_flagged_invalid()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.Runs.UpsertTaskAsync(Definition("t", "h1", Slot), Slot, TestTimeout.Token);
        await store.Runs.TryClaimAsync("t", Slot, 1, Definitions.Runs.RunTrigger.Schedule, Revision, Instance, Slot, TestTimeout.Token);

        Assert.True(await store.Runs.RetireAsync("t", Slot.AddHours(1), TestTimeout.Token));
        Assert.False(await store.Runs.RetireAsync("t", Slot.AddHours(2), TestTimeout.Token));
        Assert.False(await store.Runs.FlagInvalidAsync("t", "x", Slot.AddHours(3), TestTimeout.Token));

        var task = await store.Runs.GetTaskAsync("t", TestTimeout.Token);
        Assert.Equal((TaskState.Retired, null), (task!.State, task.NextSlotUtc));
        Assert.Single(await store.Runs.ListRunsAsync("t", 10, null, TestTimeout.Token));
        Assert.Equal(AuditActions.TaskRetired, (await store.Runs.ListAuditAsync(1, null, TestTimeout.Token))[0].Action);
    }

    [Fact]
    public async Task Config_errors_are_replaced_as_a_whole_on_each_reconcile()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();

        await store.Runs.ReplaceConfigErrorsAsync([Error("a.yaml", 1), Error("b.yaml", 2)], TestTimeout.Token);
        await store.Runs.ReplaceConfigErrorsAsync([Error("c.yaml", 3)], TestTimeout.Token);

        var error = Assert.Single(await store.Runs.ListConfigErrorsAsync(TestTimeout.Token));
        Assert.Equal(("schedules/c.yaml", 3), (error.File, error.Line));
    }

    private static ConfigErrorRecord Error(string file, int line) => new()
    {
        File = "schedules/" + file,
        Line = line,
        Column = 9,
        Code = "SCH012",
        Severity = "error",
        Message = "schedule.cron: '61 2 * * *' is not a valid cron expression.",
    };
}
