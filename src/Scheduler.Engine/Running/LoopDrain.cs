using Microsoft.Extensions.Logging;

namespace Scheduler.Engine.Running;

/// <summary>
/// The first part of a stop: the loop claims nothing more (what falls due is left to the other replicas, or to the
/// next start's catch-up), and the runs in progress go on, untouched, until they end, the drain timeout passes or the
/// operator skips the wait. What is left is then stopped by the loop's shutdown (TERM, kill-grace, KILL) and recorded
/// interrupted. The loop keeps heartbeating and answering cancels meanwhile.
/// </summary>
internal sealed class LoopDrain(SlotLoop loop, DrainState state, TimeProvider time, EngineOptions options, ILogger logger)
{
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var window = state.Begin(time.GetUtcNow(), options.DrainTimeout);
        try
        {
            // A tick in progress may still be claiming: its runs are admitted when the loop gets to this message,
            // so the wait below sees them.
            if (!await WaitAsync(loop.PostAsync(() => Task.FromResult(true)), window, cancellationToken))
            {
                return;
            }

            DrainLog.Draining(logger, loop.Executor.Count, Remaining(window));
            if (await WaitAsync(loop.Executor.WhenIdle(), window, cancellationToken))
            {
                DrainLog.Drained(logger, time.GetUtcNow() - window.Since);
            }
        }
        catch (TimeoutException)
        {
            DrainLog.Expired(logger, loop.Executor.Count, options.DrainTimeout);
        }
    }

    /// <summary>True when <paramref name="task"/> completed; false when the wait was skipped; a <see cref="TimeoutException"/> at the deadline.</summary>
    private async Task<bool> WaitAsync(Task task, DrainWindow window, CancellationToken cancellationToken)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waiting = task.WaitAsync(Remaining(window), time, abandon.Token);
        if (await Task.WhenAny(waiting, state.SkipRequested) != waiting)
        {
            await abandon.CancelAsync(); // the abandoned wait ends cancelled, not faulted: nothing goes unobserved
            DrainLog.Skipped(logger, loop.Executor.Count);
            return false;
        }

        await waiting;
        return true;
    }

    private TimeSpan Remaining(DrainWindow window)
    {
        var left = window.Deadline - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
