using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Running;
using Scheduler.State.Store;

namespace Scheduler.Engine;

/// <summary>Executing runs off the loop, recording how they ended, and handing the result back to the loop.</summary>
public sealed partial class SchedulerEngine
{
    /// <summary>Takes a place and starts the run; only under <see cref="_places"/>.</summary>
    private void Start(ActiveRun run)
    {
        _executing++;
        run.Execution = Task.Run(() => ExecuteAsync(run));
    }

    private async Task ExecuteAsync(ActiveRun run)
    {
        var started = _time.GetUtcNow();
        var definition = run.Task.Definition;
        EngineLog.RunStarted(_logger, run.RunId, run.Task.Id, run.Slot, run.Attempt, RunNames.Of(run.Trigger));
        HandlerOutcome outcome;
        try
        {
            // Credentials are read now, at the start of this run, and live only in its context.
            var start = new RunContext(definition, run.RunId, run.Slot, run.Attempt, run.Trigger, run.Output, _time) { PassEnvironment = _options.PassEnvironment };
            if (RunSecrets.Start(start, out var unresolved) is not { } context)
            {
                outcome = HandlerOutcome.Failed(unresolved!);
            }
            else
            {
                var running = _handlers.For(definition.Handler).RunAsync(context, run.StopToken);
                outcome = running.IsCompleted ? await running : await WithOutputFlushAsync(run, running);
            }
        }
        catch (Exception e)
        {
            EngineLog.HandlerCrashed(_logger, e, run.RunId, run.Task.Id);
            outcome = HandlerOutcome.Failed($"the handler crashed: {e.Message}");
        }

        // The output has ended: what was held back as the possible start of a secret is output now; errors are masked too.
        run.Output.Complete();
        outcome = outcome with { Error = run.Output.Mask(outcome.Error) };

        // The handler is done: its place under the cap goes to the next waiting run now, and a next slot of its task no
        // longer overlaps it, without waiting for the end to reach the store (batched with others, see FinishWriter).
        ReleasePlace();
        _commands.Writer.TryWrite(() =>
        {
            EndOverlap(run);
            return Task.CompletedTask;
        });
        var (status, error) = await FinishRunAsync(run, outcome, started);
        var duration = (long)(_time.GetUtcNow() - started).TotalMilliseconds;
        EngineLog.RunFinished(_logger, run.RunId, run.Task.Id, RunNames.Of(status), duration, run.Slot, outcome.ExitCode, error);
    }

    /// <summary>Only a handler that did not end at once gets the live-output flusher and its timer: a burst of in-process runs creates none.</summary>
    private async Task<HandlerOutcome> WithOutputFlushAsync(ActiveRun run, Task<HandlerOutcome> running)
    {
        using var flushing = new CancellationTokenSource();
        var flusher = FlushOutputWhileRunningAsync(run, flushing.Token);
        try
        {
            return await running;
        }
        finally
        {
            await flushing.CancelAsync();
            await flusher;
        }
    }

    /// <summary>Records the end of a run (a stop on shutdown becomes interrupted), batched with other ends, and posts it back to the loop.</summary>
    private async Task<(RunStatus Status, string? Error)> FinishRunAsync(ActiveRun run, HandlerOutcome outcome, DateTimeOffset? startedAt = null)
    {
        var (status, error) = outcome.Status == RunStatus.Cancelled && run.StopReason is { } reason
            ? (reason == StopReason.Shutdown ? RunStatus.Interrupted : RunStatus.Cancelled, run.StopDetail)
            : (outcome.Status, outcome.Error);
        var finishedAt = _time.GetUtcNow();
        var previousStreak = await StreakBeforeFinishAsync(run.Task);
        var output = run.Output.ToText();
        var finished = await _finishes.FinishAsync(new RunFinish(run.RunId, status, outcome.ExitCode, output, run.Output.TotalBytes, error, finishedAt));
        if (finished)
        {
            PublishFinished(run, status, outcome.ExitCode, error, output, startedAt, finishedAt, previousStreak);
        }

        _commands.Writer.TryWrite(() => OnRunFinishedAsync(run, status, finishedAt));
        return (status, error);
    }

    /// <summary>Frees a place under the concurrency cap and hands it to the oldest waiting run, unless the engine is shutting down.</summary>
    private void ReleasePlace()
    {
        lock (_places)
        {
            _executing--;
            if (!_closed && _waiting.TryDequeue(out var next))
            {
                Start(next);
            }
        }
    }

    private async Task OnRunFinishedAsync(ActiveRun run, RunStatus status, DateTimeOffset finishedAt)
    {
        if (!RemoveActive(run))
        {
            return;
        }

        run.Dispose();
        if (run.StopReason is null)
        {
            ScheduleRetryIfOwed(run.Task, run.Slot, run.Attempt, status, finishedAt);
        }

        if (!_stopping)
        {
            await DispatchBacklogAsync(run.Task.Id, CancellationToken.None);
        }
    }

    private async Task FlushOutputWhileRunningAsync(ActiveRun run, CancellationToken done)
    {
        var written = 0L;
        try
        {
            while (true)
            {
                await Task.Delay(_options.OutputFlushInterval, _time, done);
                if (run.Output.TotalBytes != written)
                {
                    written = run.Output.TotalBytes;
                    await GuardAsync(() => _store.UpdateOutputAsync(run.RunId, run.Output.ToText(), written, done));
                }
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // the run ended; FinishAsync writes the final tail
        }
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await _store.StartInstanceAsync(_options.Instance, EngineVersion.Text, now, cancellationToken);
        var mine = await _store.MarkInterruptedAsync(_options.Instance, now, "the scheduler stopped (crash or kill) before the run finished", cancellationToken);
        var others = await _store.MarkInterruptedOfDeadInstancesAsync(
            _options.Instance, _options.InstanceLease, now, DeadInstanceReason, cancellationToken);
        if (mine.Count + others.Count > 0)
        {
            EngineLog.RunsInterrupted(_logger, mine.Count + others.Count);
        }

        // Failed runs of the last week whose retries a previous life did not get to; matched to tasks as they are applied.
        _unmatchedRetries.AddRange(await _store.FindPendingRetriesAsync(now - TimeSpan.FromDays(7), cancellationToken));
    }

    private void MatchPendingRetries(TaskSlots slots)
    {
        foreach (var failed in _unmatchedRetries.Where(r => r.TaskId == slots.Task.Id).ToList())
        {
            _unmatchedRetries.Remove(failed);
            if (failed.FinishedAt is { } finishedAt)
            {
                ScheduleRetryIfOwed(slots.Task, failed.SlotUtc, failed.Attempt, failed.Status, finishedAt);
            }
        }
    }

    private async Task ShutdownAsync()
    {
        _stopping = true;
        EngineLog.Stopping(_logger, _active.Count, _options.ShutdownGrace);
        foreach (var run in _active.Values)
        {
            run.Stop(StopReason.Shutdown, "the scheduler shut down before the run finished");
        }

        List<ActiveRun> unstarted;
        lock (_places)
        {
            _closed = true; // from here no run starts: every execution is known below
            unstarted = [.. _waiting];
            _waiting.Clear();
        }

        foreach (var waiting in unstarted)
        {
            await FinishRunAsync(waiting, new HandlerOutcome(RunStatus.Cancelled));
        }

        var executions = _active.Values.Select(r => r.Execution).OfType<Task>().ToList();
        try
        {
            await Task.WhenAll(executions).WaitAsync(_options.ShutdownGrace, _time);
        }
        catch (TimeoutException)
        {
            // Whatever is still going is recorded below; its processes got TERM and KILL from their handler.
        }

        await GuardAsync(() => _store.MarkInterruptedAsync(
            _options.Instance, _time.GetUtcNow(), "the scheduler shut down before the run finished", CancellationToken.None));
    }
}
