namespace Scheduler.State.Store;

/// <summary>
/// What a claim batch writes to one task row, gathered from its claims and marks: applying the conditional updates
/// one after another comes to the same row as applying them at once with the latest mark, the newest run and the
/// last next slot, because none of them goes backwards.
/// </summary>
internal sealed class ClaimTaskWrites
{
    private ClaimTaskWrites(string taskId) => TaskId = taskId;

    public string TaskId { get; }

    /// <summary>The latest slot (ms since the epoch) the batch handled for the task, if it moves the catch-up mark at all.</summary>
    public long? Mark { get; private set; }

    public bool SetsNext { get; private set; }

    public long? Next { get; private set; }

    /// <summary>The task's newest run claimed in the batch, and when it started.</summary>
    public long? RunId { get; private set; }

    public long RunStarted { get; private set; }

    /// <summary>The writes per task, in the order of the tasks' ids (replicas that write the same tasks take their row locks in one order).</summary>
    public static List<ClaimTaskWrites> Of(
        IReadOnlyList<SlotClaim> claims, long?[] ids, IReadOnlyList<TaskAdvance> advances, Func<Definitions.Runs.RunTrigger, bool> advancesMark)
    {
        var byTask = new Dictionary<string, ClaimTaskWrites>(StringComparer.Ordinal);
        ClaimTaskWrites For(string taskId) =>
            byTask.TryGetValue(taskId, out var write) ? write : byTask[taskId] = new ClaimTaskWrites(taskId);

        for (var i = 0; i < claims.Count; i++)
        {
            if (ids[i] is not { } id)
            {
                continue; // lost: another run or instance holds this slot, and nothing of the task changes for it
            }

            var claim = claims[i];
            var write = For(claim.TaskId);
            if (claim.SkipReason is not null)
            {
                // A skipped slot does not replace the task's last-run summary, but it is handled: the mark moves to it.
                if (advancesMark(claim.Trigger))
                {
                    write.MoveMark((claim.PassedToUtc ?? claim.SlotUtc).ToUnixTimeMilliseconds());
                }

                continue;
            }

            if (advancesMark(claim.Trigger))
            {
                write.MoveMark(claim.SlotUtc.ToUnixTimeMilliseconds());
            }

            if (write.RunId is null || write.RunId < id)
            {
                (write.RunId, write.RunStarted) = (id, claim.StartedAt.ToUnixTimeMilliseconds());
            }
        }

        foreach (var advance in advances)
        {
            var write = For(advance.TaskId);
            write.MoveMark(advance.LastSlotUtc.ToUnixTimeMilliseconds());
            (write.SetsNext, write.Next) = (true, advance.NextSlotUtc?.ToUnixTimeMilliseconds());
        }

        var writes = byTask.Values.ToList();
        writes.Sort((a, b) => string.CompareOrdinal(a.TaskId, b.TaskId));
        return writes;
    }

    private void MoveMark(long slot)
    {
        if (Mark is null || Mark < slot)
        {
            Mark = slot;
        }
    }
}
