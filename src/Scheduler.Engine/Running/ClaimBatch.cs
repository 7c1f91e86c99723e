using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>
/// The claims (and skipped rows) of one tick collected for one transaction, each with its task and the owed run it
/// came from, the tasks' new marks, and what the loop needs to undo when the store refuses the batch.
/// </summary>
internal sealed class ClaimBatch
{
    /// <summary>
    /// Small enough that the first runs of a burst start within milliseconds of their slot, large enough that
    /// the commit is a small share of the transaction.
    /// </summary>
    public const int Capacity = 250;

    /// <summary>
    /// Claims written ahead of their slot wait for it anyway, so they go in larger transactions: a commit rewrites every
    /// page it touched, and the cost per run fell by a fifth from 250 runs per commit to 2,500 (docs/performance.md).
    /// 10,000: every claim of one slot instant of the fire benchmark's largest set in one commit, which writes each page
    /// of the Tasks table and of the Runs indexes once, where five commits of 2,000 random tasks each rewrote most of them.
    /// </summary>
    public const int AheadCapacity = 10_000;

    private readonly List<ScheduledTask> _tasks = new(Capacity);
    private readonly List<TaskSlots> _slots = new(Capacity);
    private readonly List<SlotClaim> _claims = new(Capacity);
    private readonly List<BacklogItem> _items = new(Capacity);
    private readonly List<bool> _fromBacklog = new(Capacity);
    private readonly List<TaskAdvance> _advances = new(Capacity);
    private readonly List<(TaskSlots Slots, DateTimeOffset Watermark)> _planned = new(Capacity);

    public IReadOnlyList<ScheduledTask> Tasks => _tasks;

    /// <summary>Per claim: the loop's entry of its task (its backlog takes the claim back if the batch fails).</summary>
    public IReadOnlyList<TaskSlots> Slots => _slots;

    public IReadOnlyList<SlotClaim> Claims => _claims;

    /// <summary>Per claim: the owed run (or row) it came from.</summary>
    public IReadOnlyList<BacklogItem> Items => _items;

    /// <summary>Per claim: true when it was taken from the head of its task's backlog (and goes back there if the batch fails).</summary>
    public IReadOnlyList<bool> FromBacklog => _fromBacklog;

    public IReadOnlyList<TaskAdvance> Advances => _advances;

    /// <summary>The tasks whose plan this batch carries, with the watermark before the plan (restored if the batch fails).</summary>
    public IReadOnlyList<(TaskSlots Slots, DateTimeOffset Watermark)> Planned => _planned;

    public int Count => _claims.Count;

    public bool IsEmpty => _claims.Count == 0 && _advances.Count == 0;

    /// <summary>Claims at most this many before it is written (<see cref="Capacity"/> or <see cref="AheadCapacity"/>).</summary>
    public int Limit { get; set; } = Capacity;

    public bool IsFull => _claims.Count >= Limit;

    public void Add(TaskSlots slots, SlotClaim claim, BacklogItem item, bool fromBacklog)
    {
        _slots.Add(slots);
        _tasks.Add(slots.Task);
        _claims.Add(claim);
        _items.Add(item);
        _fromBacklog.Add(fromBacklog);
    }

    public void Advance(TaskSlots slots, DateTimeOffset watermarkBefore, TaskAdvance advance)
    {
        _advances.Add(advance);
        _planned.Add((slots, watermarkBefore));
    }

    /// <summary>A mark with nothing to undo (a new task's first mark).</summary>
    public void Mark(TaskAdvance advance) => _advances.Add(advance);

    public void Clear()
    {
        _tasks.Clear();
        _slots.Clear();
        _claims.Clear();
        _items.Clear();
        _fromBacklog.Clear();
        _advances.Clear();
        _planned.Clear();
    }
}
