using Microsoft.Extensions.Logging;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Notifications;
using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>
/// Every write of the engine: claims (a batch of one or many, skipped rows among them), ends (batched by the
/// <see cref="EndWriter"/>), live output, cancel requests, instance rows; and the run events it publishes once a
/// write went through (page, metrics, notifications listen). Tells <see cref="StoreHealth"/> whether the store takes writes.
/// </summary>
internal sealed class RunRecorder
{
    private readonly RunStore _store;
    private readonly TimeProvider _time;
    private readonly EngineOptions _options;
    private readonly ILogger _logger;
    private readonly RunEvents _events;
    private readonly EndWriter _ends;
    private readonly Suspender _suspender;

    public RunRecorder(RunStore store, TimeProvider time, EngineOptions options, ILogger logger, IRunEventSink? sink, StoreHealth health)
    {
        _store = store;
        _time = time;
        _options = options;
        _logger = logger;
        Health = health;
        _events = new RunEvents(sink, logger);
        _ends = new EndWriter(store, time, health, logger, Chains);
        _suspender = new Suspender(store, options, _events, logger);
    }

    /// <summary>Which tasks follow which: an end carries the chained runs it starts into its own transaction.</summary>
    public ChainRoutes Chains { get; } = new();

    /// <summary>Told the group of a run whose end was just written: a place in it is free (the loop's <see cref="GroupDesk"/> sets it).</summary>
    public Action<string>? GroupFreed { get; set; }

    public StoreHealth Health { get; }

    /// <summary>The engine's pauses, told at once when this recorder suspends a task.</summary>
    public PauseBoard? Pauses
    {
        get => _suspender.Pauses;
        init => _suspender = new Suspender(_store, _options, _events, _logger) { Pauses = value };
    }

    public RunEvents Events => _events;

    /// <summary>
    /// Claims the batch in one transaction. Returns each claim's run id (null where another run or instance holds the
    /// slot), or null when the store refused the batch: then nothing of it was written, not even the marks.
    /// </summary>
    public async Task<long?[]?> ClaimAsync(ClaimBatch batch, DateTimeOffset claimedAt, CancellationToken cancellationToken)
    {
        // A run's start is recorded as the moment of its claim (a claim ahead is made with its slot already: no copy).
        var claims = new List<SlotClaim>(batch.Count);
        foreach (var c in batch.Claims)
        {
            claims.Add(c.SkipReason is null && c.StartedAt != claimedAt ? c with { StartedAt = claimedAt } : c);
        }

        long?[] ids;
        try
        {
            ids = await _store.ClaimBatchAsync(claims, batch.Advances, _options.Instance, cancellationToken);
            Health.Accepted();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EngineLog.StoreFailed(_logger, e);
            Health.Refused(e, _time.GetUtcNow());
            return null;
        }

        for (var i = 0; i < ids.Length; i++)
        {
            var claim = claims[i];
            if (ids[i] is not { } id)
            {
                EngineLog.ClaimLost(_logger, claim.TaskId, claim.SlotUtc, claim.Attempt);
            }
            else if (batch.Items[i].Pass is { } range)
            {
                EngineLog.SlotsPassed(_logger, claim.TaskId, range.Count, range.Reason);
                _events.Passed(batch.Tasks[i], id, range, claim.StartedAt);
            }
            else if (claim.SkipReason is { } reason)
            {
                EngineLog.SlotSkipped(_logger, claim.TaskId, claim.SlotUtc, reason);
                _events.Skipped(batch.Tasks[i], id, claim.SlotUtc, claim.Trigger, reason, claim.StartedAt);
            }
        }

        return ids;
    }

    /// <summary>
    /// Records how a run ended, batched with other ends and kept until the store takes it; then tells the listeners.
    /// False when the run had already ended (someone else's verdict stands).
    /// </summary>
    public async Task<bool> EndAsync(ActiveRun run, RunStatus status, HandlerOutcome outcome, string? error, DateTimeOffset? startedAt, DateTimeOffset finishedAt)
    {
        var previousStreak = await StreakBeforeEndAsync(run.Task);
        var output = run.Output.ToText();
        var finish = new RunFinish(run.RunId, status, outcome.ExitCode, output, run.Output.TotalBytes, error, finishedAt)
        {
            Follows = Chains.FollowsOf(run, status, _options.Instance),
            Instance = _options.Instance,
        };
        var ended = await _ends.WriteAsync(finish);
        if (run.Task.Definition.Concurrency is { } group)
        {
            GroupFreed?.Invoke(group.Group);
        }

        if (!run.RetryFollows(status) && run.Trigger is RunTrigger.After or RunTrigger.Retry)
        {
            Chains.Forget(run.Task.Id, run.Slot);
        }

        if (ended)
        {
            var failed = status is RunStatus.Failed or RunStatus.TimedOut;
            var suspends = _suspender.Counts(run, status);
            string? failingSince = null;
            if (failed && (suspends || _events.ListensTo(run.Task, RunEventKind.Finished)))
            {
                // Only after a failure: which change the streak began under, so the notification can name it.
                await GuardAsync(async () => failingSince = await _store.StreakStartRevisionAsync(run.Task.Id, CancellationToken.None));
            }

            _events.Finished(run, status, outcome.ExitCode, error, output, startedAt, finishedAt, previousStreak, failingSince);
            if (suspends)
            {
                await _suspender.AfterFailureAsync(run, failingSince, finishedAt);
            }
        }

        return ended;
    }

    /// <summary>Stops retrying ends the store refuses (shutdown): their runs are marked interrupted at the next start-up.</summary>
    public void AbandonRefusedEnds() => _ends.Abandon();

    public Task UpdateOutputAsync(ActiveRun run, long written, CancellationToken cancellationToken) =>
        GuardAsync(() => _store.UpdateOutputAsync(run.RunId, run.Output.ToText(), written, cancellationToken));

    /// <summary>Asks the replica that owns a run to stop it (it polls for requests); false when the run is not running any more.</summary>
    public Task<bool> RequestCancelAsync(long runId, CancellationToken cancellationToken) =>
        _store.RequestCancelAsync(runId, _time.GetUtcNow(), cancellationToken);

    /// <summary>Registers this instance and marks what a previous life of it, or a dead replica, left running as interrupted.</summary>
    public async Task RecoverAsync(string deadInstanceReason, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await _store.StartInstanceAsync(_options.Instance, EngineVersion.Text, now, cancellationToken);
        var mine = await _store.MarkInterruptedAsync(_options.Instance, now, "the scheduler stopped (crash or kill) before the run finished", cancellationToken);
        var others = await _store.MarkInterruptedOfDeadInstancesAsync(_options.Instance, _options.InstanceLease, now, deadInstanceReason, cancellationToken);
        if (mine.Count + others.Count > 0)
        {
            EngineLog.RunsInterrupted(_logger, mine.Count + others.Count);
        }
    }

    /// <summary>On shutdown: whatever of this instance is still running in the store was cut short.</summary>
    public Task InterruptLeftoversAsync() => GuardAsync(() => _store.MarkInterruptedAsync(
        _options.Instance, _time.GetUtcNow(), "the scheduler shut down before the run finished", CancellationToken.None));

    /// <summary>The task's failure streak before this run ends, so a success can tell a recovery; read only when someone listens.</summary>
    private async Task<int> StreakBeforeEndAsync(ScheduledTask task)
    {
        if (!_events.ListensTo(task, RunEventKind.Finished))
        {
            return 0;
        }

        var streak = 0;
        await GuardAsync(async () => streak = await _store.GetFailureStreakAsync(task.Id, CancellationToken.None));
        return streak;
    }

    /// <summary>A store failure must not kill the engine: it is logged and the engine goes on (the next write may succeed).</summary>
    private async Task GuardAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EngineLog.StoreFailed(_logger, e);
        }
    }
}
