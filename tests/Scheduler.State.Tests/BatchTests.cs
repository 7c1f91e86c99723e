using Scheduler.Definitions.Runs;
using Scheduler.State.Store;
using Scheduler.State.Tests.Support;
using static Scheduler.State.Tests.Support.Fixtures;

namespace Scheduler.State.Tests;

public sealed class BatchTests
{
    [Fact]
    public async Task A_batch_claims_each_slot_once_and_moves_the_tasks_marks_and_summaries()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.AddTaskAsync("a");
        await store.AddTaskAsync("b");
        var taken = await store.Runs.TryClaimAsync("b", Slot, 1, RunTrigger.Schedule, Revision, "other", Slot, TestTimeout.Token);

        var ids = await store.Runs.ClaimBatchAsync(
            [new SlotClaim("a", Slot, 1, RunTrigger.Schedule, Revision, Slot), new SlotClaim("b", Slot, 1, RunTrigger.Schedule, Revision, Slot)],
            [new TaskAdvance("a", Slot, Slot.AddMinutes(1)), new TaskAdvance("b", Slot, Slot.AddMinutes(1))],
            Instance,
            TestTimeout.Token);

        Assert.NotNull(ids[0]);
        Assert.Null(ids[1]); // b's slot was already claimed: the batch's claim loses, as a single claim would
        var a = await store.Runs.GetTaskAsync("a", TestTimeout.Token);
        Assert.Equal((ids[0], RunStatus.Running, Slot, Slot.AddMinutes(1)), (a!.LastRunId, a.LastRunStatus, a.LastSlotUtc, a.NextSlotUtc));
        var b = await store.Runs.GetTaskAsync("b", TestTimeout.Token);
        Assert.Equal(taken, b!.LastRunId);
    }

    [Fact]
    public async Task A_batch_of_ends_counts_the_streak_and_leaves_runs_that_already_ended()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.AddTaskAsync("t");
        var first = (await store.Runs.TryClaimAsync("t", Slot, 1, RunTrigger.Schedule, Revision, Instance, Slot, TestTimeout.Token))!.Value;
        var second = (await store.Runs.TryClaimAsync("t", Slot.AddMinutes(1), 1, RunTrigger.Schedule, Revision, Instance, Slot, TestTimeout.Token))!.Value;
        await store.Runs.FinishAsync(second, RunStatus.Cancelled, null, "", 0, "cancelled", Slot.AddMinutes(2), TestTimeout.Token);

        var done = await store.Runs.FinishBatchAsync(
            [new RunFinish(first, RunStatus.Failed, 1, "out", 3, "exit 1", Slot.AddMinutes(3)), new RunFinish(second, RunStatus.Succeeded, 0, "", 0, null, Slot.AddMinutes(3))],
            TestTimeout.Token);

        Assert.Equal([true, false], done);
        var task = await store.Runs.GetTaskAsync("t", TestTimeout.Token);
        Assert.Equal(1, task!.FailureStreak);
        Assert.Equal((second, RunStatus.Cancelled), (task.LastRunId, task.LastRunStatus)); // the older run's end does not replace the newest's summary
        var run = await store.Runs.GetRunAsync(first, TestTimeout.Token);
        Assert.Equal((RunStatus.Failed, 1, "out", "exit 1"), (run!.Status, run.ExitCode, run.OutputTail, run.Error));
    }

    [Theory]
    // the ends of one task's runs in one batch, in order (F failed, S succeeded, C cancelled), the streak before, after
    [InlineData("FF", 2, 4)]
    [InlineData("FFSF", 2, 1)]
    [InlineData("FSC", 5, 0)]
    [InlineData("CC", 3, 3)]
    [InlineData("SFF", 0, 2)]
    public async Task Several_ends_of_one_task_in_one_batch_count_the_streak_as_ends_one_by_one_would(string ends, int before, int after)
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.AddTaskAsync("t");
        for (var i = 0; i < before; i++)
        {
            var failed = (await store.Runs.TryClaimAsync("t", Slot.AddDays(-1).AddMinutes(i), 1, RunTrigger.Schedule, Revision, Instance, Slot, TestTimeout.Token))!.Value;
            await store.Runs.FinishAsync(failed, RunStatus.Failed, 1, "", 0, null, Slot, TestTimeout.Token);
        }

        var ids = new List<long>();
        for (var i = 0; i < ends.Length; i++)
        {
            ids.Add((await store.Runs.TryClaimAsync("t", Slot.AddMinutes(i), 1, RunTrigger.Schedule, Revision, Instance, Slot, TestTimeout.Token))!.Value);
        }

        var status = new Dictionary<char, RunStatus> { ['F'] = RunStatus.Failed, ['S'] = RunStatus.Succeeded, ['C'] = RunStatus.Cancelled };
        await store.Runs.FinishBatchAsync([.. ends.Select((e, i) => new RunFinish(ids[i], status[e], null, "", 0, null, Slot.AddMinutes(10 + i)))], TestTimeout.Token);

        var task = await store.Runs.GetTaskAsync("t", TestTimeout.Token);
        Assert.Equal(after, task!.FailureStreak);
        Assert.Equal((ids[^1], (RunStatus?)status[ends[^1]], Slot.AddMinutes(10 + ends.Length - 1)), (task.LastRunId!.Value, task.LastRunStatus, task.LastRunFinishedAt!.Value));
    }

    [Fact]
    public async Task A_batch_of_more_tasks_than_one_statement_holds_updates_every_tasks_row()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        var tasks = Enumerable.Range(0, 21).Select(i => $"t{i:D2}").ToList();
        foreach (var task in tasks)
        {
            await store.AddTaskAsync(task);
        }

        var ids = await store.Runs.ClaimBatchAsync(
            [.. tasks.Select(t => new SlotClaim(t, Slot, 1, RunTrigger.Schedule, Revision, Slot))],
            [.. tasks.Select(t => new TaskAdvance(t, Slot, Slot.AddMinutes(1)))],
            Instance,
            TestTimeout.Token);
        await store.Runs.FinishBatchAsync([.. ids.Select(id => new RunFinish(id!.Value, RunStatus.Failed, 1, "", 0, null, Slot.AddSeconds(5)))], TestTimeout.Token);

        foreach (var (task, id) in tasks.Zip(ids))
        {
            var row = await store.Runs.GetTaskAsync(task, TestTimeout.Token);
            Assert.Equal(
                (id, (RunStatus?)RunStatus.Failed, Slot, Slot.AddMinutes(1), Slot.AddSeconds(5), 1),
                (row!.LastRunId, row.LastRunStatus, row.LastSlotUtc!.Value, row.NextSlotUtc!.Value, row.LastRunFinishedAt!.Value, row.FailureStreak));
        }
    }

    [Fact]
    public async Task A_passed_range_is_one_skipped_row_that_names_its_slots_and_moves_the_mark_to_its_last()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        await store.AddTaskAsync("t");

        var ids = await store.Runs.ClaimBatchAsync(
            [new SlotClaim("t", Slot, 1, RunTrigger.CatchUp, Revision, Slot.AddDays(7), "missed while the scheduler was not running (catch-up: none)")
            {
                PassedToUtc = Slot.AddDays(7).AddMinutes(-1),
                PassedCount = 10_079,
            }],
            [],
            Instance,
            TestTimeout.Token);

        var row = await store.Runs.GetRunAsync(ids[0]!.Value, TestTimeout.Token);
        Assert.Equal(
            (RunStatus.Skipped, Slot, Slot.AddDays(7).AddMinutes(-1), 10_079, (DateTimeOffset?)null),
            (row!.Status, row.SlotUtc, row.PassedToUtc!.Value, row.PassedCount!.Value, row.StartedAt));
        var task = await store.Runs.GetTaskAsync("t", TestTimeout.Token);
        Assert.Equal((Slot.AddDays(7).AddMinutes(-1), (long?)null), (task!.LastSlotUtc!.Value, task.LastRunId));
    }

    [Fact]
    public async Task A_batch_larger_than_one_statement_gives_each_claim_its_own_id_and_a_repeated_slot_or_end_loses()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        var claims = Enumerable.Range(0, 20).Select(i => new SlotClaim($"t{i}", Slot, 1, RunTrigger.Schedule, Revision, Slot)).ToList();
        claims[3] = claims[2]; // the same (task, slot, attempt) in one statement
        claims[12] = claims[2]; // and in a later one

        var ids = await store.Runs.ClaimBatchAsync(claims, [], Instance, TestTimeout.Token);

        Assert.Equal(18, ids.Count(id => id is not null));
        Assert.NotNull(ids[2]);
        Assert.Equal((long?[])[null, null], [ids[3], ids[12]]);
        foreach (var i in new[] { 0, 9, 19 })
        {
            Assert.Equal(($"t{i}", RunStatus.Running), ((await store.Runs.GetRunAsync(ids[i]!.Value, TestTimeout.Token))!.TaskId, (await store.Runs.GetRunAsync(ids[i]!.Value, TestTimeout.Token))!.Status));
        }

        var ended = ids.OfType<long>().Select(id => new RunFinish(id, RunStatus.Succeeded, 0, "", 0, null, Slot.AddSeconds(1))).ToList();
        ended.Insert(9, ended[0]); // an end named twice: the first one ends the run

        var done = await store.Runs.FinishBatchAsync(ended, TestTimeout.Token);

        Assert.Equal(18, done.Count(d => d));
        Assert.False(done[9]);
        Assert.Equal(RunStatus.Succeeded, (await store.Runs.GetRunAsync(ids[19]!.Value, TestTimeout.Token))!.Status);
    }
}
