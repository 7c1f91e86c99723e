namespace Scheduler.Engine.Running;

/// <summary>
/// Whether this process is draining (shutting down: it claims nothing new, its runs in progress go on until
/// <see cref="Deadline"/>), for <c>/readyz</c>, <c>/api/status</c> and the page. Thread-safe; one per engine.
/// </summary>
public sealed class DrainState
{
    private readonly TaskCompletionSource _skip = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile DrainWindow? _window;

    /// <summary>Null until the drain begins; then when it began and when what is still running gets stopped.</summary>
    public DrainWindow? Window => _window;

    public bool IsDraining => _window is not null;

    /// <summary>Fires when the operator asked to stop waiting (a second SIGTERM or Ctrl-C).</summary>
    internal Task SkipRequested => _skip.Task;

    /// <summary>Ends the wait for the runs in progress now: they are stopped as if the drain timeout had passed.</summary>
    public void SkipWait() => _skip.TrySetResult();

    /// <summary>The first call wins: a second stop request does not move the deadline.</summary>
    internal DrainWindow Begin(DateTimeOffset now, TimeSpan timeout)
    {
        var window = new DrainWindow(now, now + timeout);
        return Interlocked.CompareExchange(ref _window, window, null) ?? window;
    }
}
