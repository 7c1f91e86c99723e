using Microsoft.Extensions.Logging;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Running;
using Scheduler.State.Store;

namespace Scheduler.Engine;

/// <summary>
/// Fires every task at its slots. Along the path of a slot: the <see cref="SlotLoop"/> owns time and the queues
/// and plans with the pure <see cref="Planning.SlotPlanner"/> and <see cref="Planning.DispatchDecision"/>; the
/// <see cref="RunExecutor"/> owns the concurrency places and the handlers; the <see cref="RunRecorder"/> owns every
/// write (a claim is a batch, an end is a batch) and publishes run events. This type only wires them and posts
/// the public commands to the loop. See docs/architecture.md.
/// </summary>
public sealed class SchedulerEngine
{
    private readonly SlotLoop _loop;
    private readonly LoopDrain _drain;

    public SchedulerEngine(
        RunStore store, HandlerRegistry handlers, TimeProvider time, EngineOptions options, ILogger<SchedulerEngine> logger,
        Notifications.IRunEventSink? events = null, StoreHealth? health = null, PauseBoard? pauses = null)
    {
        Health = health ?? new StoreHealth();
        Pauses = pauses ?? new PauseBoard(store, time);
        var recorder = new RunRecorder(store, time, options, logger, events, Health) { Pauses = Pauses };
        _loop = new SlotLoop(store, recorder, handlers, time, options, logger, Drain, Pauses);
        _drain = new LoopDrain(_loop, Drain, time, options, logger);
    }

    /// <summary>The pauses this engine honours (read from the store at most once a second; see <see cref="PauseBoard"/>).</summary>
    public PauseBoard Pauses { get; }

    /// <summary>Whether the store takes the engine's writes (for <c>/readyz</c> and <c>/api/status</c>).</summary>
    public StoreHealth Health { get; }

    /// <summary>Whether this process is draining (for <c>/readyz</c>, <c>/api/status</c> and the page), and the way to skip the wait.</summary>
    public DrainState Drain { get; } = new();

    /// <summary>The runs this process has claimed whose end is not yet written, for the status page.</summary>
    public int ActiveRunCount => _loop.Executor.Count;

    /// <summary>Replaces the set of tasks: new ones are scheduled, changed ones rescheduled, missing ones dropped (their runs finish).</summary>
    public Task ApplyAsync(IReadOnlyCollection<ScheduledTask> tasks, CancellationToken cancellationToken = default) =>
        _loop.PostAsync(() => _loop.ApplyAsync(tasks, cancellationToken));

    /// <summary>Starts a manual run now, under the task's overlap policy.</summary>
    public Task<RunNowResult> RunNowAsync(string taskId, CancellationToken cancellationToken = default) =>
        RunNowAsync(taskId, null, cancellationToken);

    /// <summary>
    /// Starts a manual run now with parameter values by name (text, as <c>--param</c> gives them), checked against the
    /// task's <c>params:</c> (<see cref="RunNowOutcome.Invalid"/> and the errors by name when one is bad), defaults filled in.
    /// </summary>
    public Task<RunNowResult> RunNowAsync(string taskId, IReadOnlyDictionary<string, string>? parameters, CancellationToken cancellationToken = default) =>
        Drain.IsDraining
            ? Task.FromResult(new RunNowResult(RunNowOutcome.Refused, Reason: "this scheduler instance is shutting down (draining) and starts no new runs"))
            : _loop.PostAsync(() => _loop.RunNowAsync(taskId, parameters, cancellationToken));

    /// <summary>Stops a run of this process as a timeout does (TERM, kill-grace, KILL); it is recorded as cancelled.</summary>
    public Task<CancelResult> CancelAsync(long runId, CancellationToken cancellationToken = default) =>
        _loop.PostAsync(() => _loop.CancelAsync(runId, cancellationToken));

    /// <summary>
    /// The first part of a stop, before <see cref="RunAsync"/>'s token fires: nothing new is claimed here and the runs in
    /// progress go on until they end, <see cref="EngineOptions.DrainTimeout"/> passes or <see cref="DrainState.SkipWait"/>.
    /// </summary>
    public Task DrainAsync(CancellationToken cancellationToken) => _drain.DrainAsync(cancellationToken);

    /// <summary>Runs the loop until <paramref name="stopping"/> fires, then stops the active runs and records what was left as interrupted.</summary>
    public Task RunAsync(CancellationToken stopping) => _loop.RunAsync(stopping);
}
