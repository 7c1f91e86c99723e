using Microsoft.Extensions.Logging;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Planning;

namespace Scheduler.Engine.Running;

/// <summary>
/// Owns the claimed runs of this process, the places under the concurrency cap and the handlers. A run takes a
/// place or waits for one; when its handler returns it frees the place (handing it to the oldest waiting run at
/// once, with no round trip through the loop), tells the loop by a <see cref="RunEnded"/> message and has the
/// recorder write its end. It never calls the loop.
/// </summary>
internal sealed class RunExecutor(
    HandlerRegistry handlers, RunRecorder recorder, TimeProvider time, EngineOptions options, ILogger logger, Action<RunEnded> ended)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, ActiveRun> _active = [];
    private readonly Queue<ActiveRun> _waiting = new();
    private readonly RunPrestarter _prestarter = new(handlers, recorder, time, options);
    private int _executing;
    private bool _closed;
    private TaskCompletionSource? _idle;

    /// <summary>Runs claimed here whose end is not yet written: waiting, executing, or ending.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _active.Count;
            }
        }
    }

    public bool HasActive(long runId)
    {
        lock (_lock)
        {
            return _active.TryGetValue(runId, out var run) && run.StopReason is null;
        }
    }

    /// <summary>Completes when no run claimed here is left (each end written): what a drain waits for.</summary>
    public Task WhenIdle()
    {
        lock (_lock)
        {
            if (_active.Count == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    /// <summary>
    /// Claimed runs join the active ones: they start now (or wait for a place under the concurrency cap), or, claimed
    /// ahead of their slot, at <paramref name="startAt"/>, found meanwhile by a cancel or a shutdown. One timer for the batch, none per run.
    /// </summary>
    public void Admit(IReadOnlyList<ActiveRun> runs, DateTimeOffset? startAt = null)
    {
        var tick = RunTracing.IsOn ? System.Diagnostics.Activity.Current?.Context ?? default : default; // the loop's tick, while it claims
        lock (_lock)
        {
            foreach (var run in runs)
            {
                run.Tick = tick;
                run.IsHeld = true;
                _active.Add(run.RunId, run);
            }
        }

        if (startAt is { } at)
        {
            _ = ReleaseAtAsync(runs, at);
        }
        else
        {
            Release(runs);
        }
    }

    private async Task ReleaseAtAsync(IReadOnlyList<ActiveRun> runs, DateTimeOffset startAt)
    {
        var wait = startAt - time.GetUtcNow();
        var slot = wait > TimeSpan.Zero ? Task.Delay(wait, time) : Task.CompletedTask;
        await _prestarter.HoldAsync(runs, slot); // their processes, started and held until the slot
        await slot;
        Release(runs);
    }

    /// <summary>Starts each run still waiting for its start, or queues it for a place.</summary>
    private void Release(IReadOnlyList<ActiveRun> runs)
    {
        lock (_lock)
        {
            foreach (var run in runs)
            {
                if (!run.IsHeld || _closed)
                {
                    continue; // stopped before its slot (ended as cancelled there), or the executor shut down (ended there)
                }

                run.IsHeld = false;
                if (DispatchDecision.HasFreePlace(_executing, options.MaxConcurrentRuns))
                {
                    Start(run);
                }
                else
                {
                    _waiting.Enqueue(run);
                }
            }
        }
    }

    /// <summary>Stops a run as a timeout does (its handler sends TERM, waits, KILLs); a run still waiting for a place ends here, never started. False when it is not active here.</summary>
    public bool Stop(long runId, StopReason reason, string detail)
    {
        ActiveRun? unstarted = null;
        lock (_lock)
        {
            if (!_active.TryGetValue(runId, out var run))
            {
                return false;
            }

            run.Stop(reason, detail);
            if (run.Execution is null && (run.IsHeld || Dequeue(run)))
            {
                run.IsHeld = false;
                unstarted = run;
            }
        }

        if (unstarted is not null)
        {
            _ = EndAsync(unstarted, new HandlerOutcome(RunStatus.Cancelled, Error: "cancelled on request before it started"), startedAt: null);
        }

        return true;
    }

    /// <summary>Stops every run here as <see cref="Stop"/> does, and stays open for new ones (a fenced instance that rejoins).</summary>
    public void StopAll(StopReason reason, string detail)
    {
        long[] ids;
        lock (_lock)
        {
            ids = [.. _active.Keys];
        }

        foreach (var id in ids)
        {
            Stop(id, reason, detail);
        }
    }

    /// <summary>Stops every run (recorded interrupted), ends those still waiting, and waits up to the grace for the handlers.</summary>
    public async Task ShutdownAsync()
    {
        List<ActiveRun> unstarted;
        List<Task> executions;
        lock (_lock)
        {
            EngineLog.Stopping(logger, _active.Count, options.ShutdownGrace);
            foreach (var run in _active.Values)
            {
                run.Stop(StopReason.Shutdown, "the scheduler shut down before the run finished");
            }

            _closed = true; // from here no run starts: every execution is known below
            unstarted = [.. _waiting, .. _active.Values.Where(r => r.IsHeld)];
            _waiting.Clear();
            unstarted.ForEach(r => r.IsHeld = false);
            executions = [.. _active.Values.Select(r => r.Execution).OfType<Task>()];
        }

        var ends = unstarted.Select(run => EndAsync(run, new HandlerOutcome(RunStatus.Cancelled), startedAt: null)).ToList();
        try
        {
            await Task.WhenAll(executions.Concat(ends)).WaitAsync(options.ShutdownGrace, time);
        }
        catch (TimeoutException)
        {
            // Whatever is still going is recorded interrupted by the loop; its processes got TERM and KILL from their handler.
        }
    }

    /// <summary>Takes a place and starts the run; only under the lock.</summary>
    private void Start(ActiveRun run)
    {
        _executing++;
        run.ReleaseHeld(time); // before the hop to the thread pool: the program starts now, its bookkeeping follows
        run.Execution = Task.Run(() => ExecuteAsync(run));
    }

    private async Task ExecuteAsync(ActiveRun run)
    {
        var started = run.ReleasedAt ?? time.GetUtcNow();
        var definition = run.Task.Definition;
        using var span = RunTracing.StartRun(run, started);
        run.Trace = span?.Context ?? default;
        using var scope = logger.BeginScope(new RunScope(run.RunId, run.Task.Id));
        EngineLog.RunStarted(logger, run.RunId, run.Task.Id, run.Slot, run.Attempt, RunNames.Of(run.Trigger));
        HandlerOutcome outcome;
        try
        {
            // Credentials are read now, at the start of this run (or of its process held since just before its slot), and live only in its context.
            string? unresolved = null;
            var held = run.TakeHeld();
            var context = held is null ? RunSecrets.Start(_prestarter.ContextOf(run, span?.Id), out unresolved) : null;
            if (held is null && context is null)
            {
                outcome = HandlerOutcome.Failed(unresolved!);
            }
            else
            {
                var running = held?.RunAsync(run.StopToken) ?? handlers.For(definition.Handler).RunAsync(context!, run.StopToken);
                outcome = running.IsCompleted ? await running : await LiveOutput.WhileRunningAsync(run, running, recorder, options.OutputFlushInterval, time);
            }
        }
        catch (Exception e)
        {
            EngineLog.HandlerCrashed(logger, e, run.RunId, run.Task.Id);
            outcome = HandlerOutcome.Failed($"the handler crashed: {e.Message}");
        }

        // The output has ended: what was held back as the possible start of a secret is output now; errors are masked too.
        run.Output.Complete();
        outcome = outcome with { Error = run.Output.Mask(outcome.Error) };

        ReleasePlace();
        var status = await EndAsync(run, outcome, started);
        RunTracing.EndRun(span, status.Status, outcome.ExitCode, status.Error);
        var duration = (long)(time.GetUtcNow() - started).TotalMilliseconds;
        EngineLog.RunFinished(logger, run.RunId, run.Task.Id, RunNames.Of(status.Status), duration, run.Slot, outcome.ExitCode, status.Error);
    }

    /// <summary>Tells the loop the run ended (it no longer overlaps), then has its end written; it leaves the active runs once written.</summary>
    private async Task<(RunStatus Status, string? Error)> EndAsync(ActiveRun run, HandlerOutcome outcome, DateTimeOffset? startedAt)
    {
        await (run.TakeHeld()?.AbandonAsync() ?? Task.CompletedTask); // stopped before its slot: its held process ends unstarted
        var (status, error) = run.Final(outcome);
        var finishedAt = time.GetUtcNow();
        ended(new RunEnded(run, status, finishedAt));
        await recorder.EndAsync(run, status, outcome, error, startedAt, finishedAt);
        lock (_lock)
        {
            _active.Remove(run.RunId);
            run.Dispose();
            if (_active.Count == 0 && _idle is { } idle)
            {
                _idle = null;
                idle.TrySetResult();
            }
        }

        return (status, error);
    }

    /// <summary>Frees a place under the concurrency cap and hands it to the oldest waiting run, unless the executor is shutting down.</summary>
    private void ReleasePlace()
    {
        lock (_lock)
        {
            _executing--;
            if (!_closed && _waiting.TryDequeue(out var next))
            {
                Start(next);
            }
        }
    }

    private bool Dequeue(ActiveRun run)
    {
        var found = false;
        for (var i = _waiting.Count; i > 0; i--)
        {
            var item = _waiting.Dequeue();
            if (!found && item == run)
            {
                found = true;
                continue;
            }

            _waiting.Enqueue(item);
        }

        return found;
    }
}
