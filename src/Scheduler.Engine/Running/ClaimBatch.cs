using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>The claims of one tick collected for one transaction, each with its task.</summary>
internal sealed class ClaimBatch
{
    /// <summary>
    /// Small enough that the first runs of a burst start within milliseconds of their slot, large enough that
    /// the commit is a small share of the transaction.
    /// </summary>
    public const int Capacity = 250;

    private readonly List<ScheduledTask> _tasks = new(Capacity);
    private readonly List<SlotClaim> _claims = new(Capacity);
    private readonly List<TaskAdvance> _advances = new(Capacity);

    public IReadOnlyList<ScheduledTask> Tasks => _tasks;

    public IReadOnlyList<SlotClaim> Claims => _claims;

    public IReadOnlyList<TaskAdvance> Advances => _advances;

    public int Count => _claims.Count;

    public bool IsFull => _claims.Count >= Capacity;

    public void Add(ScheduledTask task, SlotClaim claim, TaskAdvance advance)
    {
        _tasks.Add(task);
        _claims.Add(claim);
        _advances.Add(advance);
    }

    public void Clear()
    {
        _tasks.Clear();
        _claims.Clear();
        _advances.Clear();
    }
}
