using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Running;

namespace Scheduler.Engine;

/// <summary>Starting runs: overlap policy, the claim, the concurrency cap; run-now and cancel.</summary>
public sealed partial class SchedulerEngine
{
    /// <summary>
    /// Starts a run unless its claim fails. A store that cannot be reached (a replica cut off from PostgreSQL)
    /// costs this slot in this process, logged, and never the loop: nothing runs without its claim.
    /// </summary>
    private async Task<RunNowResult> DispatchAsync(ScheduledTask task, DateTimeOffset slot, RunTrigger trigger, int attempt, CancellationToken cancellationToken)
    {
        try
        {
            return await ClaimAndStartAsync(task, slot, trigger, attempt, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EngineLog.StoreFailed(_logger, e);
            return new RunNowResult(RunNowOutcome.Refused, Reason: $"the state store could not record the run: {e.Message}");
        }
    }

    private async Task<RunNowResult> ClaimAndStartAsync(ScheduledTask task, DateTimeOffset slot, RunTrigger trigger, int attempt, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var active = _overlapping.TryGetValue(task.Id, out var overlapping) ? overlapping.ToList() : [];
        var elsewhere = active.Count == 0 && task.Definition.Overlap != OverlapPolicy.Allow
            ? await _store.ListRunningElsewhereAsync(task.Id, _options.Instance, cancellationToken)
            : [];
        if (active.Count > 0 || elsewhere.Count > 0)
        {
            switch (task.Definition.Overlap)
            {
                case OverlapPolicy.Forbid:
                    var reason = active.Count > 0
                        ? ForbiddenBy(task.Id)
                        : $"run #{elsewhere[0].Id} (instance '{elsewhere[0].Instance}') is still running (overlap: forbid)";
                    if (trigger != RunTrigger.Manual)
                    {
                        var skipped = await _store.TryRecordSkippedAsync(task.Id, slot, trigger, reason, task.Revision, _options.Instance, now, cancellationToken);
                        if (skipped is not null)
                        {
                            EngineLog.SlotSkipped(_logger, task.Id, slot, reason);
                            PublishSkipped(task, skipped, slot, trigger, reason, now);
                        }
                    }

                    return new RunNowResult(RunNowOutcome.Refused, Reason: reason);
                case OverlapPolicy.Replace:
                    foreach (var run in active)
                    {
                        run.Stop(StopReason.Replaced, $"replaced by a newer run (slot {slot.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}, overlap: replace)");
                    }

                    foreach (var run in elsewhere)
                    {
                        // Its owner polls for the request and stops it; the new run does not wait for that.
                        await _store.RequestCancelAsync(run.Id, now, cancellationToken);
                    }

                    break;
            }
        }

        var runId = await _store.TryClaimAsync(task.Id, slot, attempt, trigger, task.Revision, _options.Instance, now, cancellationToken);
        if (runId is not { } id)
        {
            EngineLog.ClaimLost(_logger, task.Id, slot, attempt);
            return new RunNowResult(RunNowOutcome.Refused, Reason: "this slot was already claimed by another run or instance");
        }

        Admit(new ActiveRun(task, id, slot, attempt, trigger, _options.OutputTailBytes));
        return new RunNowResult(RunNowOutcome.Started, id);
    }

    /// <summary>A claimed run joins the active ones: it starts now, or waits for a place under the concurrency cap.</summary>
    private void Admit(ActiveRun claimed)
    {
        _active.Add(claimed.RunId, claimed);
        if (!_overlapping.TryGetValue(claimed.Task.Id, out var overlapping))
        {
            _overlapping.Add(claimed.Task.Id, overlapping = []);
        }

        overlapping.Add(claimed);
        lock (_places)
        {
            if (_executing < _options.MaxConcurrentRuns)
            {
                Start(claimed);
            }
            else
            {
                _waiting.Enqueue(claimed);
            }
        }
    }

    private bool RemoveActive(ActiveRun run)
    {
        if (!_active.Remove(run.RunId))
        {
            return false;
        }

        EndOverlap(run);
        return true;
    }

    /// <summary>The run no longer counts for the overlap policy: its handler returned (or it is gone).</summary>
    private void EndOverlap(ActiveRun run)
    {
        if (!run.Overlaps)
        {
            return;
        }

        run.Overlaps = false;
        var overlapping = _overlapping[run.Task.Id];
        overlapping.Remove(run);
        if (overlapping.Count == 0)
        {
            _overlapping.Remove(run.Task.Id);
        }
    }

    // Runs that overlap (waiting or in their handler), counted per task: scanning every active run for each dispatch is quadratic in a burst of thousands.
    private bool HasActiveRun(string taskId) => _overlapping.ContainsKey(taskId);

    /// <summary>Why an on-time slot of a task under overlap: forbid is skipped, naming the run in its way.</summary>
    private string ForbiddenBy(string taskId) => $"{_overlapping[taskId][0].Describe()} is still running (overlap: forbid)";

    private async Task<RunNowResult> RunNowCoreAsync(string taskId, CancellationToken cancellationToken)
    {
        if (!_tasks.TryGetValue(taskId, out var slots))
        {
            return new RunNowResult(RunNowOutcome.NotFound, Reason: $"there is no runnable task '{taskId}'");
        }

        // A manual run's slot is the moment it was asked for, to the millisecond: two clicks are two runs.
        var now = _time.GetUtcNow();
        var slot = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        return await DispatchAsync(slots.Task, slot, RunTrigger.Manual, attempt: 1, cancellationToken);
    }

    private async Task<CancelResult> CancelCoreAsync(long runId, CancellationToken cancellationToken)
    {
        if (_active.TryGetValue(runId, out var run))
        {
            run.Stop(StopReason.Cancelled, "cancelled on request");
            bool waiting;
            lock (_places)
            {
                waiting = _waiting.TryDequeueWhere(r => r.RunId == runId);
            }

            if (waiting)
            {
                // Still waiting for a place: it never started, so it ends here.
                await FinishRunAsync(run, new Handlers.HandlerOutcome(RunStatus.Cancelled, Error: "cancelled on request before it started"));
            }

            return new CancelResult(CancelOutcome.Stopping);
        }

        var record = await _store.GetRunAsync(runId, cancellationToken);
        return record switch
        {
            null => new CancelResult(CancelOutcome.NotFound, $"there is no run #{runId}"),
            { Status: RunStatus.Running } when record.Instance != _options.Instance =>
                await RequestCancelElsewhereAsync(runId, record.Instance, cancellationToken),
            { Status: RunStatus.Running } => new CancelResult(CancelOutcome.Refused, $"run #{runId} is not active in this process (it is being recovered)"),
            _ => new CancelResult(CancelOutcome.Refused, $"run #{runId} already ended ({RunNames.Of(record.Status)})"),
        };
    }
}
