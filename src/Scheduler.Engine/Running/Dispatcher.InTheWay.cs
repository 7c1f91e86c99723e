using Microsoft.Extensions.Logging;
using Scheduler.Definitions.Model;
using Scheduler.Engine.Planning;
using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>The runs in a claim's way: stopping those a verdict replaces, and reading the other replicas' running runs once per tick.</summary>
internal sealed partial class Dispatcher
{
    private async Task StopAsync(IReadOnlyList<RunInWay> runs, OwedRun by, CancellationToken cancellationToken)
    {
        var detail = $"replaced by a newer run (slot {by.Slot.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}, overlap: replace)";
        foreach (var run in runs)
        {
            if (run.WaitingFor is not null && Groups is not null)
            {
                await Groups.SkipWaitingAsync(run.RunId!.Value, detail, cancellationToken); // it never started: skipped, not cancelled
                continue;
            }

            if (run.Instance is null)
            {
                executor.Stop(run.RunId!.Value, StopReason.Replaced, detail);
                continue;
            }

            try
            {
                // Its owner polls for the request and stops it; the new run does not wait for that.
                await recorder.RequestCancelAsync(run.RunId!.Value, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                EngineLog.StoreFailed(logger, e);
            }
        }
    }

    /// <summary>How many runs of the task run on other replicas, from this tick's read (0 before it is read).</summary>
    private int ElsewhereCount(string taskId) => _elsewhere?[taskId].Count() ?? 0;

    /// <summary>The task's runs on other replicas, from one read per tick; a store that fails to answer gives none (the claim will fail too).</summary>
    private async ValueTask<IReadOnlyList<RunInWay>> ElsewhereAsync(string taskId, CancellationToken cancellationToken)
    {
        if (_elsewhere is null)
        {
            try
            {
                _elsewhere = (await store.ListRunningElsewhereAsync(options.Instance, cancellationToken)).ToLookup(r => r.TaskId, StringComparer.Ordinal);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                EngineLog.StoreFailed(logger, e);
                _elsewhere = Array.Empty<RunningRun>().ToLookup(r => r.TaskId, StringComparer.Ordinal);
            }
        }

        return _elsewhere.Contains(taskId)
            ? [.. _elsewhere[taskId].Select(r => new RunInWay(r.Id, r.SlotUtc, r.Attempt, r.Trigger, r.Instance))]
            : [];
    }
}
