using Microsoft.Extensions.Logging;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Planning;
using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>
/// Owns time and the queues: it sleeps on the <see cref="TimeProvider"/> until a task's next slot, a retry, a
/// command (definitions applied, run now, cancel) or a <see cref="RunEnded"/> message, then plans with the pure
/// <see cref="SlotPlanner"/> and hands each owed run to the <see cref="Dispatcher"/>. One thread of control: no lock here.
/// </summary>
internal sealed partial class SlotLoop
{
    private readonly RunStore _store;
    private readonly RunRecorder _recorder;
    private readonly RunExecutor _executor;
    private readonly TimeProvider _time;
    private readonly EngineOptions _options;
    private readonly ILogger _logger;
    private readonly LoopInbox _inbox;
    private readonly TaskBook _tasks = new();
    private readonly RetryBook _retries;
    private readonly OverlapBook _overlap = new();
    private readonly Dispatcher _dispatcher;
    private readonly DrainState _drain;
    private readonly ChainStarter _chains;
    private readonly CancelDesk _cancels;
    private readonly GroupDesk _groups;
    private readonly ReplicaDuties _replicas;
    private bool _stopping;
    private DateTimeOffset _claimedAhead; // the slot instant whose runs were last claimed ahead: decided once

    public SlotLoop(RunStore store, RunRecorder recorder, Handlers.HandlerRegistry handlers, TimeProvider time, EngineOptions options, ILogger logger, DrainState drain, PauseBoard pauses)
    {
        _drain = drain;
        _store = store;
        _recorder = recorder;
        _time = time;
        _options = options;
        _logger = logger;
        _retries = new RetryBook(logger);
        _inbox = new LoopInbox(time);
        _executor = new RunExecutor(handlers, recorder, time, options, logger, _inbox.PostEnded);
        _groups = new GroupDesk(store, _tasks, _executor, _overlap, time, options, logger) { Post = _inbox.PostAsync };
        recorder.GroupFreed = _groups.Freed;
        _dispatcher = new Dispatcher(recorder, _executor, store, _overlap, time, options, logger) { Pauses = pauses, Groups = _groups };
        _chains = new ChainStarter(store, recorder.Chains, _tasks, _dispatcher, FlushAsync, _inbox.PostAsync, time, options.ChainStartDelay, logger);
        _groups.Upstreams = _chains.RememberUpstreamsAsync;
        _cancels = new CancelDesk(_executor, store, recorder, options, logger) { Groups = _groups };
        _replicas = new ReplicaDuties(recorder, store, _executor, _inbox.PostAsync, time, options, logger);
    }

    public RunExecutor Executor => _executor;

    public Task<T> PostAsync<T>(Func<Task<T>> work) => _inbox.PostAsync(work);

    public Task<CancelResult> CancelAsync(long runId, CancellationToken cancellationToken) => _cancels.CancelAsync(runId, cancellationToken);

    public async Task RunAsync(CancellationToken stopping)
    {
        await _recorder.RecoverAsync(ReplicaDuties.DeadInstanceReason, stopping);
        var heartbeats = _replicas.RunAsync(stopping); // at once: a slow start must not look like a dead replica

        // Failed runs of the last week whose retries a previous life did not get to; matched to tasks as they are applied.
        var pendingRetries = await _store.FindPendingRetriesAsync(_time.GetUtcNow() - TimeSpan.FromDays(7), stopping);
        _retries.Remember(pendingRetries);
        await _chains.RememberUpstreamsAsync(pendingRetries.Where(r => r.Trigger is RunTrigger.After or RunTrigger.Retry).Select(r => (r.TaskId, r.SlotUtc)), stopping);
        EngineLog.Started(_logger, _options.Instance, _tasks.Count);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await DrainInboxAsync();
                var now = _time.GetUtcNow();
                await _cancels.PollIfDueAsync(now, stopping);
                await FireDueAsync(now, stopping);
                await FireRetriesAsync(now, stopping);
                await _chains.StartAsync([], now, stopping);
                await (_drain.IsDraining ? Task.CompletedTask : _groups.AdmitDueAsync(_time.GetUtcNow(), stopping));
                await ClaimAheadAsync(now, stopping);
                await _inbox.WaitAsync(NextWake(now), now, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // A stop that lands mid-write still shuts down gracefully below.
        }

        await heartbeats;
        _stopping = true;
        await _executor.ShutdownAsync();
        _recorder.AbandonRefusedEnds();
        await _recorder.InterruptLeftoversAsync();
    }

    public async Task<bool> ApplyAsync(IReadOnlyCollection<ScheduledTask> tasks, CancellationToken cancellationToken)
    {
        // Slots that fell due under the old definitions are handled under them first: a changed schedule then owes
        // nothing from before, and nothing that was due is dropped with it.
        await FireDueAsync(_time.GetUtcNow(), cancellationToken);

        // One read of every task and one transaction for the new ones' marks: a set of thousands of new tasks took a read and a commit each.
        var records = _tasks.HasNew(tasks)
            ? (await _store.ListTasksAsync(cancellationToken)).ToDictionary(t => t.Id, StringComparer.Ordinal)
            : [];
        var (added, marks) = _tasks.Apply(tasks, records, _time.GetUtcNow());
        added.ForEach(slots => _retries.Match(slots.Task));
        marks.ForEach(_dispatcher.Mark);
        _recorder.Chains.Update(tasks);
        _groups.Update(tasks);
        return await _chains.StartAsync([], null, cancellationToken); // claims the marks with the chained runs waiting for these tasks
    }

    /// <summary>
    /// Claims the runs of the next slot instant before it comes (<see cref="EngineOptions.ClaimAhead"/>), so that at the
    /// slot only handlers start. Tasks that something could stand in the way of by then are left to be decided at the slot.
    /// </summary>
    private async Task ClaimAheadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_drain.IsDraining || !_tasks.TryPeekDue(out var slot) || slot <= now || slot - now > _options.ClaimAhead || slot == _claimedAhead)
        {
            return;
        }

        _claimedAhead = slot;
        _dispatcher.BeginAhead(slot);
        try
        {
            await FireDueAsync(slot, cancellationToken, ahead: true);
        }
        finally
        {
            _dispatcher.EndAhead();
        }
    }

    private async Task FireDueAsync(DateTimeOffset now, CancellationToken cancellationToken, bool ahead = false)
    {
        var anythingDue = _tasks.TryPeekDue(out var due) && due <= now;
        using var tick = RunTracing.IsOn && anythingDue ? RunTracing.StartTick(now) : null;
        _dispatcher.BeginTick();
        await _dispatcher.ReadPausesAsync(anythingDue, cancellationToken); // an idle loop reads nothing
        List<TaskSlots>? atTheSlot = null;
        while (!cancellationToken.IsCancellationRequested && !_drain.IsDraining && _tasks.TryTakeDue(now, out var slots))
        {
            if (ahead && !await _dispatcher.CanClaimAheadAsync(slots, cancellationToken))
            {
                (atTheSlot ??= []).Add(slots);
                continue;
            }

            var before = slots.Watermark;
            var plan = SlotPlanner.Plan(slots.Task.Definition, before, _replicas.Share.PlansAt(slots.Task.Id, now), _options.MissedAfter);
            slots.Watermark = plan.Watermark;
            await DrainBacklogAsync(slots, cancellationToken); // what waited goes first: rows are written in slot order
            foreach (var range in plan.PassedRanges)
            {
                await _dispatcher.PassAsync(slots, range, cancellationToken);
            }

            var isSystem = slots.Task.Definition.Handler is SystemTasks.SystemHandler;
            foreach (var run in plan.Runs)
            {
                var owed = new OwedRun(run.Slot, isSystem ? RunTrigger.System : run.Trigger);
                await _dispatcher.DispatchAsync(slots, owed, fromBacklog: false, cancellationToken);
            }

            await DrainBacklogAsync(slots, cancellationToken);
            _dispatcher.Advance(slots, before, plan.Next);
            _tasks.WakeAt(slots, _replicas.Share.WakeAt(slots.Task.Id, plan.Next));
        }

        atTheSlot?.ForEach(slots => _tasks.WakeAt(slots, slots.Next));
        await FlushAsync(cancellationToken);
    }

    private async Task FireRetriesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && !_drain.IsDraining && _retries.TryTakeDue(now, out var retry))
        {
            if (_tasks.TryGet(retry.TaskId, out var slots))
            {
                await _dispatcher.DispatchAsync(slots, new OwedRun(retry.Slot, RunTrigger.Retry, retry.Attempt) { Parameters = retry.Parameters }, fromBacklog: false, cancellationToken);
            }
        }

        await FlushAsync(cancellationToken);
    }

    /// <summary>Starts the task's backlog from its head, oldest first, for as long as the decision lets the head go.</summary>
    private async Task DrainBacklogAsync(TaskSlots slots, CancellationToken cancellationToken)
    {
        while (slots.Backlog.Count > 0)
        {
            var head = slots.Backlog[0];
            slots.Backlog.RemoveAt(0); // a batch the store refuses gives it back to the head
            if (head.IsRecordOnly)
            {
                await _dispatcher.RecordAsync(slots, head, cancellationToken);
                continue;
            }

            var verdict = await _dispatcher.DispatchAsync(slots, head.Run, fromBacklog: true, cancellationToken);
            if (verdict.Action == DispatchAction.Queue)
            {
                slots.Backlog.Insert(0, head);
                return;
            }
        }
    }

    private async Task OnRunEndedAsync(RunEnded ended)
    {
        var run = ended.Run;
        _overlap.Ended(run.Task.Id, run.RunId);
        if (run.StopReason is null)
        {
            _retries.ScheduleIfOwed(run.Task, run.Slot, run.Attempt, ended.Status, ended.FinishedAt, run.Parameters);
        }

        if (!_stopping && !_drain.IsDraining && _tasks.TryGet(run.Task.Id, out var slots) && slots.Backlog.Count > 0)
        {
            _dispatcher.BeginTick();
            await DrainBacklogAsync(slots, CancellationToken.None);
            await FlushAsync(CancellationToken.None);
        }
    }

    /// <summary>Claims the open batch; tasks whose writes the store refused wake again shortly and plan from their old watermark.</summary>
    private async Task<long?[]?> FlushAsync(CancellationToken cancellationToken)
    {
        var ids = await _dispatcher.FlushAsync(cancellationToken);
        var retryAt = _time.GetUtcNow() + EndWriter.RetryDelay;
        foreach (var slots in _dispatcher.TakeRefused())
        {
            _tasks.WakeAt(slots, retryAt);
        }

        return ids;
    }

    private async Task DrainInboxAsync()
    {
        while (true)
        {
            if (_inbox.Ended.TryRead(out var ended))
            {
                await OnRunEndedAsync(ended);
            }
            else if (_inbox.Commands.TryRead(out var command))
            {
                await command();
            }
            else
            {
                return;
            }
        }
    }

    private DateTimeOffset NextWake(DateTimeOffset now)
    {
        // Wake at least every minute: a clock that jumps is noticed even when nothing is due soon.
        var wake = now + TimeSpan.FromMinutes(1);
        if (!_drain.IsDraining && _tasks.TryPeekDue(out var due) && (due == _claimedAhead || _options.ClaimAhead <= TimeSpan.Zero ? due : due - _options.ClaimAhead) is var at && at < wake)
        {
            wake = at;
        }

        if (!_drain.IsDraining && _retries.TryPeek(out var retry) && retry < wake)
        {
            wake = retry;
        }

        if (!_drain.IsDraining && _groups.NextWake is { } look && look < wake)
        {
            wake = look;
        }

        return _executor.Count > 0 && _cancels.NextPoll < wake ? _cancels.NextPoll : wake;
    }
}
