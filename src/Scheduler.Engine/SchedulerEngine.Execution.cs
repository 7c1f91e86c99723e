using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Running;

namespace Scheduler.Engine;

/// <summary>Executing runs off the loop, recording how they ended, and handing the result back to the loop.</summary>
public sealed partial class SchedulerEngine
{
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
        using var flushing = new CancellationTokenSource();
        var flusher = FlushOutputWhileRunningAsync(run, flushing.Token);
        HandlerOutcome outcome;
        try
        {
            var context = new RunContext(definition, run.RunId, run.Slot, run.Attempt, run.Trigger, run.Output, _time);
            outcome = await _handlers.For(definition.Handler).RunAsync(context, run.StopToken);
        }
        catch (Exception e)
        {
            EngineLog.HandlerCrashed(_logger, e, run.RunId, run.Task.Id);
            outcome = HandlerOutcome.Failed($"the handler crashed: {e.Message}");
        }

        await flushing.CancelAsync();
        await flusher;
        var (status, error) = await FinishRunAsync(run, outcome, started);
        var duration = (long)(_time.GetUtcNow() - started).TotalMilliseconds;
        EngineLog.RunFinished(_logger, run.RunId, run.Task.Id, RunNames.Of(status), duration, run.Slot, outcome.ExitCode, error);
    }

    /// <summary>Records the end of a run (a stop on shutdown becomes interrupted) and posts it back to the loop.</summary>
    private async Task<(RunStatus Status, string? Error)> FinishRunAsync(ActiveRun run, HandlerOutcome outcome, DateTimeOffset? startedAt = null)
    {
        var (status, error) = outcome.Status == RunStatus.Cancelled && run.StopReason is { } reason
            ? (reason == StopReason.Shutdown ? RunStatus.Interrupted : RunStatus.Cancelled, run.StopDetail)
            : (outcome.Status, outcome.Error);
        var finishedAt = _time.GetUtcNow();
        var previousStreak = await StreakBeforeFinishAsync(run.Task);
        var output = run.Output.ToText();
        var finished = false;
        await GuardAsync(async () => finished = await _store.FinishAsync(
            run.RunId, status, outcome.ExitCode, output, run.Output.TotalBytes, error, finishedAt, CancellationToken.None));
        if (finished)
        {
            PublishFinished(run, status, outcome.ExitCode, error, output, startedAt, finishedAt, previousStreak);
        }
        _commands.Writer.TryWrite(() => OnRunFinishedAsync(run, status, finishedAt));
        return (status, error);
    }

    private async Task OnRunFinishedAsync(ActiveRun run, RunStatus status, DateTimeOffset finishedAt)
    {
        if (!_active.Remove(run.RunId))
        {
            return;
        }

        run.Dispose();
        if (run.Execution is not null)
        {
            _executing--;
        }

        if (run.StopReason is null)
        {
            ScheduleRetryIfOwed(run.Task, run.Slot, run.Attempt, status, finishedAt);
        }

        while (_executing < _options.MaxConcurrentRuns && _waiting.TryDequeue(out var waiting))
        {
            Start(waiting);
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

        while (_waiting.TryDequeue(out var waiting))
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
