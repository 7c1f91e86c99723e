namespace Scheduler.Engine.Running;

/// <summary>The engine's view of one task: its definition, the watermark (slots at or before it are handled) and its next slot.</summary>
internal sealed class TaskSlots(ScheduledTask task, DateTimeOffset watermark)
{
    public ScheduledTask Task { get; set; } = task;

    public DateTimeOffset Watermark { get; set; } = watermark;

    /// <summary>The queued wake-up for this task; a queue entry with another instant is stale and ignored.</summary>
    public DateTimeOffset? Next { get; set; }

    /// <summary>Runs owed one after another (catch-up slots, retries) that must not overlap the active run.</summary>
    public Queue<PendingDispatch> Backlog { get; } = new();
}
