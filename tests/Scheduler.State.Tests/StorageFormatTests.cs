using Scheduler.Definitions.Runs;
using Scheduler.State.Tests.Support;
using static Scheduler.State.Tests.Support.Fixtures;

namespace Scheduler.State.Tests;

public sealed class StorageFormatTests
{
    [Fact]
    public async Task Enums_are_stored_as_their_dashed_lowercase_names()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.AddTaskAsync("t");
        var id = (await store.Runs.TryClaimAsync("t", Slot, 1, RunTrigger.CatchUp, Revision, Instance, Slot, TestTimeout.Token))!.Value;
        await store.Runs.FinishAsync(id, RunStatus.TimedOut, null, "", 0, "Killed after 10m.", Slot.AddMinutes(10), TestTimeout.Token);
        await store.Runs.FlagInvalidAsync("t", "schedules/t.yaml:3:9: SCH012 bad cron", Slot, TestTimeout.Token);

        var run = Assert.Single(await folder.QueryAsync("SELECT Trigger, Status FROM Runs"));
        var task = Assert.Single(await folder.QueryAsync("SELECT State, LastRunStatus FROM Tasks"));

        Assert.Equal(new object?[] { "catch-up", "timed-out" }, run);
        Assert.Equal(new object?[] { "invalid-running-last-good", "timed-out" }, task);
    }

    [Fact]
    public async Task Instants_are_stored_as_unix_milliseconds_and_read_back_in_utc()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        var slotInBerlin = At("2026-03-01T03:30:00.250+01:00");

        var id = (await store.Runs.TryClaimAsync("t", slotInBerlin, 1, RunTrigger.Schedule, Revision, Instance, slotInBerlin, TestTimeout.Token))!.Value;

        Assert.Equal(1772332200250L, await folder.ScalarAsync("SELECT SlotUtc FROM Runs"));
        var run = await store.Runs.GetRunAsync(id, TestTimeout.Token);
        Assert.Equal(TimeSpan.Zero, run!.SlotUtc.Offset);
        Assert.Equal(At("2026-03-01T02:30:00.250Z"), run.SlotUtc);

        // The same instant written with another offset is the same slot.
        Assert.Null(await store.Runs.TryClaimAsync("t", At("2026-03-01T02:30:00.250Z"), 1, RunTrigger.Schedule, Revision, "host-b", Slot, TestTimeout.Token));
    }
}
