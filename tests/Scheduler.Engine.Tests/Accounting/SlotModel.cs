using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Planning;
using Scheduler.Engine.Running;

namespace Scheduler.Engine.Tests.Accounting;

/// <summary>
/// The engine's accounting in miniature, on a model clock: the real <see cref="SlotPlanner"/>, the real
/// <see cref="DispatchDecision"/> and the real backlog rules of <see cref="TaskSlots"/>, over an in-memory store
/// that keeps what SQLite keeps (one row per (slot, attempt 1), passed ranges, the catch-up mark that only moves
/// forward). Lives end by a crash (memory lost, rows kept) and start again from the mark, as the engine does.
/// </summary>
internal sealed class SlotModel(TaskDefinition task, IReadOnlyList<TimeSpan> durations)
{
    private static readonly TimeSpan OnTimeWindow = TimeSpan.FromMinutes(1);

    private readonly Dictionary<DateTimeOffset, (DateTimeOffset To, int Count)> _rows = [];
    private readonly List<(RunInWay Run, DateTimeOffset EndsAt)> _active = [];
    private DateTimeOffset? _mark;
    private TaskSlots _slots = null!;
    private DateTimeOffset? _next;
    private int _runs;

    public DateTimeOffset Now { get; private set; }

    /// <summary>Every row: its first slot, last slot and how many slots it stands for (1 for a run or a skip).</summary>
    public IReadOnlyDictionary<DateTimeOffset, (DateTimeOffset To, int Count)> Rows => _rows;

    public void Start(DateTimeOffset now)
    {
        Now = now;
        _mark ??= now;
        _slots = new TaskSlots(new ScheduledTask(task, "r"), _mark.Value);
        _next = task.Slots.NextAfter(_mark.Value)?.Utc;
        _active.Clear();
    }

    /// <summary>kill -9: the backlog and the runs in memory are gone; their rows (running ones included) stay.</summary>
    public void Crash() => _active.Clear();

    /// <summary>Lives until <paramref name="until"/>, waking <paramref name="lateness"/> after each slot (a busy or slow loop).</summary>
    public void RunUntil(DateTimeOffset until, TimeSpan lateness)
    {
        while (true)
        {
            var end = _active.Count > 0 ? _active.Min(a => a.EndsAt) : DateTimeOffset.MaxValue;
            var wake = _next is { } n ? n + lateness : DateTimeOffset.MaxValue;
            if (end > until && wake > until)
            {
                break;
            }

            Now = end <= wake ? end : wake;
            if (end <= wake)
            {
                _active.RemoveAt(_active.FindIndex(a => a.EndsAt == end));
                Drain();
            }
            else
            {
                Tick();
            }
        }

        Now = until;
    }

    /// <summary>A last tick at <see cref="Now"/>, then runs end one by one until nothing waits.</summary>
    public void Finish()
    {
        Tick();
        while (_active.Count > 0)
        {
            var first = _active.MinBy(a => a.EndsAt);
            Now = first.EndsAt > Now ? first.EndsAt : Now;
            _active.Remove(first);
            Drain();
        }
    }

    private void Tick()
    {
        var plan = SlotPlanner.Plan(task, _slots.Watermark, Now, OnTimeWindow);
        _slots.Watermark = plan.Watermark;
        Drain();
        foreach (var range in plan.PassedRanges)
        {
            var item = new BacklogItem(new OwedRun(range.From, RunTrigger.CatchUp), range.Reason, range);
            if (_slots.Backlog.Count > 0)
            {
                _slots.Backlog.Add(item);
            }
            else
            {
                Write(item);
            }
        }

        foreach (var run in plan.Runs)
        {
            Dispatch(new OwedRun(run.Slot, run.Trigger), fromBacklog: false);
        }

        Drain();
        var mark = _slots.StoreMark(_slots.Watermark);
        _mark = mark > _mark ? mark : _mark;
        _next = plan.Next;
    }

    private void Drain()
    {
        while (_slots.Backlog.Count > 0)
        {
            var head = _slots.Backlog[0];
            _slots.Backlog.RemoveAt(0);
            if (head.IsRecordOnly)
            {
                Write(head);
            }
            else if (Dispatch(head.Run, fromBacklog: true) == DispatchAction.Queue)
            {
                _slots.Backlog.Insert(0, head);
                return;
            }
        }
    }

    private DispatchAction Dispatch(OwedRun owed, bool fromBacklog)
    {
        IReadOnlyList<OwedRun> queued = fromBacklog ? [] : _slots.QueuedRuns;
        var verdict = DispatchDecision.Decide(new DispatchInput(task.Overlap, owed, [.. _active.Select(a => a.Run)], [], queued));
        switch (verdict.Action)
        {
            case DispatchAction.Replace:
                _active.Clear();
                Claim(owed);
                break;
            case DispatchAction.Claim:
                Claim(owed);
                break;
            case DispatchAction.Skip when !fromBacklog && _slots.Backlog.Count > 0:
                _slots.Backlog.Add(new BacklogItem(owed, verdict.Reason));
                break;
            case DispatchAction.Skip:
                Write(new BacklogItem(owed, verdict.Reason));
                break;
            case DispatchAction.Queue when !fromBacklog:
                _slots.Backlog.Add(new BacklogItem(owed));
                break;
        }

        return verdict.Action;
    }

    private void Claim(OwedRun owed)
    {
        if (Insert(owed.Slot, owed.Slot, 1))
        {
            _active.Add((new RunInWay(_runs, owed.Slot, 1, owed.Trigger), Now + durations[_runs++ % durations.Count]));
        }
    }

    private void Write(BacklogItem item) => Insert(item.Run.Slot, item.Pass?.To ?? item.Run.Slot, item.Pass?.Count ?? 1);

    /// <summary>The unique (task, slot, attempt) insert; a row moves the mark to its last slot, never back.</summary>
    private bool Insert(DateTimeOffset from, DateTimeOffset to, int count)
    {
        if (!_rows.TryAdd(from, (to, count)))
        {
            return false;
        }

        _mark = to > _mark ? to : _mark;
        return true;
    }
}
