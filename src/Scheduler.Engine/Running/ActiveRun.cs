using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Planning;

namespace Scheduler.Engine.Running;

/// <summary>A claimed run in this process: waiting for a free place or executing. Owned by the executor.</summary>
internal sealed class ActiveRun(ScheduledTask task, long runId, DateTimeOffset slot, int attempt, RunTrigger trigger, int outputBytes) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _heldLock = new();
    private PrestartedRun? _held;
    private bool _heldClosed;

    public ScheduledTask Task { get; } = task;

    public long RunId { get; } = runId;

    public DateTimeOffset Slot { get; } = slot;

    public int Attempt { get; } = attempt;

    public RunTrigger Trigger { get; } = trigger;

    /// <summary>The values the run was claimed with (recorded on its row); null when the task declares no parameters.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    public OutputTail Output { get; } = new(outputBytes);

    public StopReason? StopReason { get; private set; }

    public string? StopDetail { get; private set; }

    public CancellationToken StopToken => _stop.Token;

    /// <summary>Set when it starts executing (under the executor's lock); null while it waits for a place under the concurrency cap.</summary>
    public Task? Execution { get; set; }

    /// <summary>Admitted and not yet started or queued for a place: claimed ahead of its slot, until then (under the executor's lock).</summary>
    public bool IsHeld { get; set; }

    /// <summary>Keeps the process its handler started ahead of the slot (<see cref="RunPrestarter"/>); false once it started or ended: the caller then abandons it.</summary>
    public bool Hold(PrestartedRun held)
    {
        lock (_heldLock)
        {
            _held = _heldClosed ? null : held;
            return !_heldClosed;
        }
    }

    /// <summary>When the process held for it was released (<see cref="ReleaseHeld"/>): the run's start.</summary>
    public DateTimeOffset? ReleasedAt { get; private set; }

    /// <summary>Lets the program of the process held for it start now, on this thread, if one is held.</summary>
    public void ReleaseHeld(TimeProvider time)
    {
        lock (_heldLock)
        {
            if (_held is { } held)
            {
                ReleasedAt = time.GetUtcNow();
                held.Release();
            }
        }
    }

    /// <summary>The process started ahead, if any, taken at its start or end; any later <see cref="Hold"/> is refused.</summary>
    public PrestartedRun? TakeHeld()
    {
        lock (_heldLock)
        {
            _heldClosed = true;
            var held = _held;
            _held = null;
            return held;
        }
    }

    public RunInWay InWay => new(RunId, Slot, Attempt, Trigger);

    /// <summary>True when no retry can follow this attempt: it was stopped (timeout aside, by a person or a shutdown) or its retries are spent.</summary>
    public bool IsLastAttempt => StopReason is not null || Attempt > Task.Definition.Retry.Attempts;

    /// <summary>True when ending with <paramref name="status"/> owes a retry (the rule of <see cref="RetryBook"/>): a failure that is not the last attempt.</summary>
    public bool RetryFollows(RunStatus status) => status is RunStatus.Failed or RunStatus.TimedOut && !IsLastAttempt;

    /// <summary>The span of the tick that claimed it (tracing on only), the parent of its own.</summary>
    public System.Diagnostics.ActivityContext Tick { get; set; }

    /// <summary>Its own span's context while tracing is on, for what is sent about it later (webhooks).</summary>
    public System.Diagnostics.ActivityContext Trace { get; set; }

    /// <summary>Only under the executor's lock, which also guards the disposal.</summary>
    public void Stop(StopReason reason, string detail)
    {
        if (StopReason is not null)
        {
            return; // the first reason wins: a run replaced during shutdown was replaced
        }

        StopReason = reason;
        StopDetail = detail;
        _stop.Cancel();
    }

    /// <summary>The status its end is recorded with: a stop on shutdown becomes interrupted, any other stop cancelled.</summary>
    public (RunStatus Status, string? Error) Final(HandlerOutcome outcome) =>
        outcome.Status == RunStatus.Cancelled && StopReason is { } reason
            ? (reason == Running.StopReason.Shutdown ? RunStatus.Interrupted : RunStatus.Cancelled, StopDetail)
            : (outcome.Status, outcome.Error);

    public void Dispose() => _stop.Dispose();
}
