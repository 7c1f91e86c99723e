using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Running;

/// <summary>A claimed run in this process: waiting for a free place or executing. Owned by the engine loop.</summary>
internal sealed class ActiveRun(ScheduledTask task, long runId, DateTimeOffset slot, int attempt, RunTrigger trigger, int outputBytes) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public ScheduledTask Task { get; } = task;

    public long RunId { get; } = runId;

    public DateTimeOffset Slot { get; } = slot;

    public int Attempt { get; } = attempt;

    public RunTrigger Trigger { get; } = trigger;

    public OutputTail Output { get; } = new(outputBytes);

    public StopReason? StopReason { get; private set; }

    public string? StopDetail { get; private set; }

    public CancellationToken StopToken => _stop.Token;

    /// <summary>Set when it starts executing (under the engine's place lock); null while it waits for a place under the concurrency cap.</summary>
    public Task? Execution { get; set; }

    /// <summary>
    /// True while it waits or its handler runs: what the overlap policy counts. False once the handler returned,
    /// though its end may still be on its way to the store.
    /// </summary>
    public bool Overlaps { get; set; } = true;

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

    public void Dispose() => _stop.Dispose();

    public string Describe() => $"run #{RunId} (slot {Slot.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}, attempt {Attempt})";
}
