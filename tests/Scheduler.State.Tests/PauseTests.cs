using Scheduler.State.Entities;
using Scheduler.State.Store;
using Scheduler.State.Tests.Support;
using static Scheduler.State.Tests.Support.Fixtures;

namespace Scheduler.State.Tests;

/// <summary>Pauses on a real SQLite file: they survive a reopen, replace one another per target, are audited, and lift narrower ones.</summary>
public sealed class PauseTests
{
    [Fact]
    public async Task A_pause_survives_a_restart_with_every_field_and_is_audited()
    {
        using var folder = new TempFolder();
        await using (var store = await folder.OpenAsync())
        {
            await store.Runs.PauseAsync(
                new PauseRecord { Target = "backups/", By = "ana", Reason = "db migration", SinceUtc = Slot, UntilUtc = Slot.AddHours(2) },
                AuditActions.Pause,
                ["backups/a", "backups/b"],
                TestTimeout.Token);
        }

        await using var reopened = await folder.OpenAsync();
        var pause = Assert.Single(await reopened.Runs.ListPausesAsync(TestTimeout.Token));
        Assert.Equal(("backups/", "ana", "db migration", Slot, Slot.AddHours(2)), (pause.Target, pause.By, pause.Reason, pause.SinceUtc, pause.UntilUtc));
        var audit = Assert.Single(await reopened.Runs.ListAuditAsync(10, null, TestTimeout.Token));
        Assert.Equal((AuditActions.Pause, "ana", "paused"), (audit.Action, audit.Actor, audit.Result));
        Assert.Equal("backups/ until 2026-03-01T04:30:00Z: db migration (2 task(s): backups/a, backups/b)", audit.Detail);
    }

    [Fact]
    public async Task Pausing_a_target_again_replaces_its_pause()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.Runs.PauseAsync(new PauseRecord { Target = "t", By = "ana", Reason = "first", SinceUtc = Slot }, AuditActions.Pause, ["t"], TestTimeout.Token);
        await store.Runs.PauseAsync(new PauseRecord { Target = "t", By = "bo", Reason = "second", SinceUtc = Slot.AddMinutes(1) }, AuditActions.Pause, ["t"], TestTimeout.Token);

        var pause = Assert.Single(await store.Runs.ListPausesAsync(TestTimeout.Token));
        Assert.Equal(("bo", "second"), (pause.By, pause.Reason));
    }

    [Fact]
    public async Task Resuming_a_folder_lifts_its_pause_and_the_narrower_ones_under_it_and_nothing_else()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        foreach (var target in (string[])["backups/", "backups/db", "backups/daily/", "reports/x", "*"])
        {
            await store.Runs.PauseAsync(new PauseRecord { Target = target, By = "ana", Reason = "r", SinceUtc = Slot }, AuditActions.Pause, [], TestTimeout.Token);
        }

        var lifted = await store.Runs.ResumeAsync("backups/", "bo", Slot.AddHours(1), "backups/: resumed", TestTimeout.Token);

        Assert.Equal(["backups/", "backups/daily/", "backups/db"], lifted.Order(StringComparer.Ordinal));
        Assert.Equal(["*", "reports/x"], (await store.Runs.ListPausesAsync(TestTimeout.Token)).Select(p => p.Target));
        Assert.Equal(AuditActions.Resume, (await store.Runs.ListAuditAsync(1, null, TestTimeout.Token))[0].Action);
        Assert.Empty(await store.Runs.ResumeAsync("nothing/", "bo", Slot, "", TestTimeout.Token));
    }

    [Theory]
    [InlineData("*", "backups/db", true)]
    [InlineData("backups/", "backups/db", true)]
    [InlineData("backups/", "backups/daily/db", true)]
    [InlineData("backups/", "backupsx/db", false)]
    [InlineData("backups/db", "backups/db", true)]
    [InlineData("backups/db", "backups/db2", false)]
    [InlineData("*", "system/retention", false)]
    public void A_target_covers_a_task_id_a_folder_or_everything_but_never_the_system_tasks(string target, string taskId, bool covers) =>
        Assert.Equal(covers, PauseTargets.Covers(target, taskId));

    [Fact]
    public void The_most_specific_pause_in_force_is_the_one_a_task_shows()
    {
        PauseRecord[] pauses =
        [
            new() { Target = "*", By = "a", Reason = "all", SinceUtc = Slot },
            new() { Target = "backups/", By = "b", Reason = "folder", SinceUtc = Slot },
            new() { Target = "backups/db", By = "c", Reason = "task", SinceUtc = Slot, UntilUtc = Slot.AddMinutes(5) },
        ];

        Assert.Equal("task", PauseTargets.For(pauses, "backups/db", Slot.AddMinutes(1))!.Reason);
        Assert.Equal("folder", PauseTargets.For(pauses, "backups/db", Slot.AddMinutes(5))!.Reason); // the task's own ended
        Assert.Equal("all", PauseTargets.For(pauses, "reports/x", Slot)!.Reason);
    }
}
