using Scheduler.Definitions.Runs;
using Scheduler.State.Store;
using Scheduler.State.Tests.Support;
using static Scheduler.State.Tests.Support.Fixtures;

namespace Scheduler.State.Tests;

public sealed class HistoryTests
{
    [Fact]
    public async Task Keyset_pages_stay_stable_while_new_runs_arrive()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        var ids = new List<long>();
        for (var i = 0; i < 25; i++)
        {
            ids.Add(await ClaimAsync(store, "t", Slot.AddMinutes(i)));
            await ClaimAsync(store, "other", Slot.AddMinutes(i));
        }

        var seen = new List<long>();
        long? before = null;
        for (var page = 0; page < 10; page++)
        {
            var runs = await store.Runs.ListRunsAsync("t", 10, before, TestTimeout.Token);
            if (runs.Count == 0)
            {
                break;
            }

            seen.AddRange(runs.Select(r => r.Id));
            before = runs[^1].Id;
            await ClaimAsync(store, "t", Slot.AddDays(1 + page));
        }

        Assert.Equal(ids.AsEnumerable().Reverse(), seen);
    }

    [Fact]
    public async Task Pending_retries_are_the_latest_attempts_of_slots_that_failed_or_timed_out()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        var recovered = await FinishedAsync(store, Slot, 1, RunStatus.Failed);
        await FinishedAsync(store, Slot, 2, RunStatus.Succeeded);
        await FinishedAsync(store, Slot.AddHours(1), 1, RunStatus.Failed);
        var failedTwice = await FinishedAsync(store, Slot.AddHours(1), 2, RunStatus.Failed);
        var timedOut = await FinishedAsync(store, Slot.AddHours(2), 1, RunStatus.TimedOut);
        await FinishedAsync(store, Slot.AddHours(3), 1, RunStatus.Cancelled);
        await FinishedAsync(store, Slot.AddDays(-2), 1, RunStatus.Failed);

        var pending = await store.Runs.FindPendingRetriesAsync(Slot, TestTimeout.Token);

        Assert.Equal(new[] { failedTwice, timedOut }, pending.Select(r => r.Id));
        Assert.DoesNotContain(recovered, pending.Select(r => r.Id));
    }

    private static async Task<long> ClaimAsync(SchedulerStore store, string taskId, DateTimeOffset slot) =>
        (await store.Runs.TryClaimAsync(taskId, slot, 1, RunTrigger.Schedule, Revision, Instance, slot, TestTimeout.Token))!.Value;

    private static async Task<long> FinishedAsync(SchedulerStore store, DateTimeOffset slot, int attempt, RunStatus status)
    {
        var id = (await store.Runs.TryClaimAsync("t", slot, attempt, attempt == 1 ? RunTrigger.Schedule : RunTrigger.Retry, Revision, Instance, slot, TestTimeout.Token))!.Value;
        await store.Runs.FinishAsync(id, status, null, "", 0, null, slot.AddMinutes(1), TestTimeout.Token);
        return id;
    }
}
