using Scheduler.Definitions.Model;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>
/// The loop's tasks and the one priority queue of their next slots (no thread or timer per task). Applying a new set
/// keeps each known task's watermark and backlog; a changed schedule, or a task enabled again, owes nothing from before.
/// </summary>
internal sealed class TaskBook
{
    private readonly Dictionary<string, TaskSlots> _tasks = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _due = new();

    public int Count => _tasks.Count;

    public bool TryGet(string taskId, out TaskSlots slots) => _tasks.TryGetValue(taskId, out slots!);

    public bool TryPeekDue(out DateTimeOffset due) => _due.TryPeek(out _, out due);

    /// <summary>The next task due at or before <paramref name="now"/>, skipping stale queue entries.</summary>
    public bool TryTakeDue(DateTimeOffset now, out TaskSlots slots)
    {
        while (_due.TryPeek(out var taskId, out var due) && due <= now)
        {
            _due.Dequeue();
            if (_tasks.TryGetValue(taskId, out slots!) && slots.Next == due)
            {
                return true;
            }
        }

        slots = null!;
        return false;
    }

    /// <summary>Queues the task to wake at <paramref name="at"/> (its next slot, or a retry after the store refused a write).</summary>
    public void WakeAt(TaskSlots slots, DateTimeOffset? at)
    {
        slots.Next = at;
        if (at is { } wake)
        {
            _due.Enqueue(slots.Task.Id, wake);
        }
    }

    /// <summary>
    /// Replaces the set: new tasks start from their stored mark (or now), known ones keep theirs, missing ones are
    /// dropped (their runs finish). Returns the new tasks, and the marks to write for those the store has none of.
    /// </summary>
    public (List<TaskSlots> Added, List<TaskAdvance> Marks) Apply(
        IReadOnlyCollection<ScheduledTask> tasks, IReadOnlyDictionary<string, TaskRecord> records, DateTimeOffset now)
    {
        var wanted = tasks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _tasks.Keys.Where(id => !wanted.Contains(id)).ToList())
        {
            _tasks.Remove(gone); // its queue entry goes stale; its active runs finish
        }

        var added = new List<TaskSlots>();
        var marks = new List<TaskAdvance>();
        foreach (var task in tasks)
        {
            if (_tasks.TryGetValue(task.Id, out var known))
            {
                var before = known.Task.Definition;
                if ((!SameSlots(before.Schedule, task.Definition.Schedule) || (!before.Enabled && task.Definition.Enabled)) && known.Watermark < now)
                {
                    known.Watermark = now;
                    known.Backlog.RemoveAll(b => b.Run.IsScheduleSlot); // slots of the old schedule are owed no more
                }

                known.Task = task;
                Reschedule(known);
                continue;
            }

            var record = records.GetValueOrDefault(task.Id);
            var slots = new TaskSlots(task, record?.LastSlotUtc ?? now);
            _tasks.Add(task.Id, slots);
            Reschedule(slots);
            added.Add(slots);
            if (record?.LastSlotUtc is null)
            {
                marks.Add(new TaskAdvance(task.Id, slots.Watermark, slots.Next));
            }
        }

        return (added, marks);
    }

    public bool HasNew(IReadOnlyCollection<ScheduledTask> tasks) => tasks.Any(t => !_tasks.ContainsKey(t.Id));

    /// <summary>
    /// True when two schedules give the same slots. Not record equality: every reconcile parses the files
    /// again, and the slot calculators it builds are new objects each time.
    /// </summary>
    private static bool SameSlots(ScheduleDefinition a, ScheduleDefinition b) =>
        (a.Kind, a.Text, a.CronExpression, a.TimeZoneId, a.JitterOffset) == (b.Kind, b.Text, b.CronExpression, b.TimeZoneId, b.JitterOffset);

    /// <summary>Queues the task's first due slot after its watermark; a disabled task stays known (for run-now) but unqueued.</summary>
    private void Reschedule(TaskSlots slots)
    {
        var definition = slots.Task.Definition;
        WakeAt(slots, definition.Enabled ? definition.Slots.NextAfter(slots.Watermark)?.Utc : null);
    }
}
