using Microsoft.Extensions.Logging;
using Scheduler.Definitions.Model;
using Scheduler.Engine.Planning;
using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>
/// The loop's hand that acts on the <see cref="DispatchDecision"/>: it gathers the decision's inputs (this process's
/// runs in the way, the other replicas' running runs, the backlog), and puts the verdict into the open claim batch,
/// the task's backlog or the runs to stop. Flushing the batch claims it through the recorder and admits the claimed
/// runs to the executor. Owned by the loop; it decides nothing itself.
/// </summary>
internal sealed partial class Dispatcher(RunRecorder recorder, RunExecutor executor, RunStore store, OverlapBook overlap, TimeProvider time, EngineOptions options, ILogger logger)
{
    private readonly ClaimBatch _batch = new();
    private readonly List<TaskSlots> _refused = [];
    private ILookup<string, RunningRun>? _elsewhere;
    private DateTimeOffset? _startAt;

    /// <summary>The concurrency groups: what waits in a group task's way, and the admission of what this claims (the loop sets it).</summary>
    public GroupDesk? Groups { get; init; }

    /// <summary>The pauses the decision honours (the engine's board; the engine sets it).</summary>
    public PauseBoard? Pauses { get; init; }

    /// <summary>
    /// Reads the pauses again when <paramref name="needed"/> (a slot is due, or a run asked for) and the last read is
    /// older than a second; a store that fails to answer keeps the last read.
    /// </summary>
    public async Task ReadPausesAsync(bool needed, CancellationToken cancellationToken)
    {
        if (Pauses is null || !needed)
        {
            return;
        }

        try
        {
            await Pauses.GetAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EngineLog.StoreFailed(logger, e);
        }
    }

    /// <summary>The pause over a task at <paramref name="now"/>, as the decision sees it; null when none holds.</summary>
    public PauseWindow? PauseOf(string taskId, DateTimeOffset now) =>
        Pauses?.For(taskId, now) is { } p ? new PauseWindow(p.By, p.Reason, p.SinceUtc, p.UntilUtc) : null;

    /// <summary>Until <see cref="EndAhead"/>, runs are claimed ahead of <paramref name="slot"/>: recorded as started at it, and started then.</summary>
    public void BeginAhead(DateTimeOffset slot) => (_startAt, _batch.Limit) = (slot, ClaimBatch.AheadCapacity);

    public void EndAhead() => (_startAt, _batch.Limit) = (null, ClaimBatch.Capacity);

    /// <summary>True when nothing can stand in the way of the task's next run at its slot: nothing in its backlog, and unless overlap: allow no run of it here or elsewhere.</summary>
    public async ValueTask<bool> CanClaimAheadAsync(TaskSlots slots, CancellationToken cancellationToken) =>
        slots.Backlog.Count == 0
        && slots.Task.Definition.Concurrency is null // a group's places are counted when the slot comes, not 500 ms before
        && (slots.Task.Definition.Overlap == OverlapPolicy.Allow
            || (!overlap.Any(slots.Task.Id) && (await ElsewhereAsync(slots.Task.Id, cancellationToken)).Count == 0));

    /// <summary>Forgets the other replicas' runs read for the previous tick: they are read again, once, when a policy asks.</summary>
    public void BeginTick()
    {
        _elsewhere = null;
        Groups?.BeginTick();
    }

    /// <summary>
    /// Decides one owed run and acts on the verdict. While the task has a backlog, a run that is not taken from it
    /// queues behind it, and so does a skip (rows are written in slot order); a run taken from the backlog stays there
    /// unless the verdict claims or skips it.
    /// </summary>
    public async ValueTask<DispatchVerdict> DispatchAsync(TaskSlots slots, OwedRun owed, bool fromBacklog, CancellationToken cancellationToken)
    {
        var task = slots.Task;
        IReadOnlyList<OwedRun> queuedAhead = fromBacklog ? [] : slots.QueuedRuns;
        var verdict = await DecideAsync(task, owed, queuedAhead, cancellationToken);
        if (verdict.Action == DispatchAction.Replace && verdict.Replaces.Any(r => r.RunId is null))
        {
            await FlushAsync(cancellationToken); // runs claimed in the open batch get their ids, so they can be stopped
            verdict = await DecideAsync(task, owed, queuedAhead, cancellationToken);
        }

        switch (verdict.Action)
        {
            case DispatchAction.Replace:
                await StopAsync(verdict.Replaces, owed, cancellationToken);
                Claim(slots, owed, fromBacklog);
                break;
            case DispatchAction.Claim:
                Claim(slots, owed, fromBacklog);
                break;
            case DispatchAction.Skip when !fromBacklog && slots.Backlog.Count > 0:
                slots.Backlog.Add(new BacklogItem(owed, SkipReason: verdict.Reason));
                break;
            case DispatchAction.Skip:
                Record(slots, new BacklogItem(owed, SkipReason: verdict.Reason), fromBacklog);
                break;
            case DispatchAction.Queue when !fromBacklog:
                slots.Backlog.Add(new BacklogItem(owed));
                break;
        }

        await FlushIfFullAsync(cancellationToken);
        return verdict;
    }

    /// <summary>Records slots the plan passed over as one skipped row (slot = the range's first): now, or in its turn behind the backlog.</summary>
    public async ValueTask PassAsync(TaskSlots slots, PassedRange range, CancellationToken cancellationToken)
    {
        var item = new BacklogItem(new OwedRun(range.From, Definitions.Runs.RunTrigger.CatchUp), range.Reason, range);
        if (slots.Backlog.Count > 0)
        {
            slots.Backlog.Add(item);
            return;
        }

        Record(slots, item, fromBacklog: false);
        await FlushIfFullAsync(cancellationToken);
    }

    /// <summary>Writes a row taken from the head of the backlog (a skip or a passed range) in its turn.</summary>
    public ValueTask RecordAsync(TaskSlots slots, BacklogItem head, CancellationToken cancellationToken)
    {
        Record(slots, head, fromBacklog: true);
        return FlushIfFullAsync(cancellationToken);
    }

    /// <summary>Writes a task's new marks with the open batch; the watermark before the plan is restored if the store refuses it.</summary>
    public void Advance(TaskSlots slots, DateTimeOffset watermarkBefore, DateTimeOffset? next) =>
        _batch.Advance(slots, watermarkBefore, new TaskAdvance(slots.Task.Id, slots.StoreMark(slots.Watermark), next));

    public void Mark(TaskAdvance advance) => _batch.Mark(advance);

    private async ValueTask FlushIfFullAsync(CancellationToken cancellationToken)
    {
        if (_batch.IsFull)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>A skipped row: for a slot that came while a run was active, or for a passed range.</summary>
    private void Record(TaskSlots slots, BacklogItem item, bool fromBacklog)
    {
        var task = slots.Task;
        var claim = new SlotClaim(task.Id, item.Run.Slot, item.Run.Attempt, item.Run.Trigger, task.Revision, time.GetUtcNow(), item.SkipReason)
        {
            PassedToUtc = item.Pass?.To,
            PassedCount = item.Pass?.Count,
            QueuedRunId = item.Run.QueuedRunId,
        };
        _batch.Add(slots, claim, item, fromBacklog);
    }

    /// <summary>
    /// Claims the open batch and admits its claimed runs. Returns the run ids in the order of the batch's claims, or
    /// null when the store refused the batch: then every claim of it went back where it came from (see <see cref="TakeRefused"/>).
    /// </summary>
    public async Task<long?[]?> FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch.IsEmpty)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var startAt = _startAt is { } at && at > now ? at : (DateTimeOffset?)null;
        var ids = await recorder.ClaimAsync(_batch, startAt ?? now, cancellationToken);
        var claimed = new List<ActiveRun>(_batch.Count);
        for (var i = 0; i < _batch.Count; i++)
        {
            var (task, owed) = (_batch.Tasks[i], _batch.Items[i].Run);
            var id = ids?[i];
            var group = _batch.Claims[i].Concurrency;
            if (_batch.Claims[i].SkipReason is null)
            {
                overlap.Claimed(task.Id, owed, group is null ? id : null); // a group's run waits queued in the store, not here
            }

            if (id is not null && group is not null && _batch.Claims[i].SkipReason is null)
            {
                Groups?.Queued(group.Group);
            }
            else if (id is { } runId && _batch.Claims[i].SkipReason is null)
            {
                claimed.Add(new ActiveRun(task, runId, owed.Slot, owed.Attempt, owed.Trigger, options.OutputTailBytes) { Parameters = _batch.Claims[i].Parameters });
            }
        }

        executor.Admit(claimed, startAt);

        if (ids is null)
        {
            GiveBack();
        }

        _batch.Clear();
        return ids;
    }

    /// <summary>The tasks whose claims or marks the store refused since the last call: to be tried again once it takes writes.</summary>
    public List<TaskSlots> TakeRefused()
    {
        var refused = _refused.Distinct().ToList();
        _refused.Clear();
        return refused;
    }

    /// <summary>
    /// The store refused the batch: nothing of it was written. Each planned task goes back to its watermark before the
    /// plan (its slots will be planned again, and the catch-up policy decides); owed runs taken from a backlog, and
    /// retries, go back to the head of their task's backlog in their order.
    /// </summary>
    private void GiveBack()
    {
        foreach (var (slots, watermark) in _batch.Planned)
        {
            slots.Watermark = watermark;
            slots.Backlog.RemoveAll(b => b.Run.IsScheduleSlot && b.Run.Slot > watermark);
            _refused.Add(slots);
        }

        for (var i = _batch.Count - 1; i >= 0; i--)
        {
            var item = _batch.Items[i];
            if (_batch.FromBacklog[i] || item.Run.Trigger == Definitions.Runs.RunTrigger.Retry)
            {
                _batch.Slots[i].Backlog.Insert(0, item);
                _refused.Add(_batch.Slots[i]);
            }
        }
    }

    private async ValueTask<DispatchVerdict> DecideAsync(ScheduledTask task, OwedRun owed, IReadOnlyList<OwedRun> queuedAhead, CancellationToken cancellationToken)
    {
        var overlapPolicy = task.Definition.Overlap;
        IReadOnlyList<RunInWay> elsewhere = overlapPolicy == OverlapPolicy.Allow ? [] : await ElsewhereAsync(task.Id, cancellationToken);
        var group = Groups is null ? null : await Groups.PlaceAsync(task.Definition.Concurrency, ElsewhereCount, cancellationToken);
        if (group is not null && overlapPolicy != OverlapPolicy.Allow)
        {
            elsewhere = [.. elsewhere, .. await Groups!.WaitingAsync(task.Id, group.WaitingText, cancellationToken)];
        }

        var now = time.GetUtcNow();
        return DispatchDecision.Decide(new DispatchInput(overlapPolicy, owed, overlap.Of(task.Id), elsewhere, queuedAhead)
        {
            Group = group,
            Pause = PauseOf(task.Id, now),
            Now = now,
        });
    }

    private void Claim(TaskSlots slots, OwedRun owed, bool fromBacklog)
    {
        var task = slots.Task;
        overlap.Claiming(task.Id, owed);
        var claim = new SlotClaim(task.Id, owed.Slot, owed.Attempt, owed.Trigger, task.Revision, _startAt ?? time.GetUtcNow())
        {
            QueuedRunId = owed.QueuedRunId, Parameters = owed.Parameters ?? task.DefaultParameters, Concurrency = task.Definition.Concurrency,
        };
        _batch.Add(slots, claim, new BacklogItem(owed), fromBacklog);
    }
}
