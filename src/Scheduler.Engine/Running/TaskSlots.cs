using Scheduler.Engine.Planning;

namespace Scheduler.Engine.Running;

/// <summary>The loop's view of one task: its definition, the watermark (slots at or before it are handled), its next slot and its backlog.</summary>
internal sealed class TaskSlots(ScheduledTask task, DateTimeOffset watermark)
{
    public ScheduledTask Task { get; set; } = task;

    public DateTimeOffset Watermark { get; set; } = watermark;

    /// <summary>The queued wake-up for this task; a queue entry with another instant is stale and ignored.</summary>
    public DateTimeOffset? Next { get; set; }

    /// <summary>Runs owed one after another (catch-up slots, retries, an on-time slot behind them), and rows to write in their turn; oldest first.</summary>
    public List<BacklogItem> Backlog { get; } = [];

    /// <summary>The runs of the backlog, as the dispatch decision sees what is queued ahead of a new run.</summary>
    public IReadOnlyList<OwedRun> QueuedRuns => Backlog.Count == 0 ? [] : [.. Backlog.Where(b => !b.IsRecordOnly).Select(b => b.Run)];

    /// <summary>
    /// The catch-up mark the store may hold: the in-memory watermark, but never past a schedule slot still waiting in
    /// the backlog, so a crash before its claim leaves it to the catch-up policy instead of losing it.
    /// </summary>
    public DateTimeOffset StoreMark(DateTimeOffset watermark)
    {
        foreach (var item in Backlog)
        {
            if (item.Run.IsScheduleSlot && item.Run.Slot <= watermark)
            {
                return item.Run.Slot - TimeSpan.FromMilliseconds(1);
            }
        }

        return watermark;
    }
}
