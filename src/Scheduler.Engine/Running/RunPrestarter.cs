using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Running;

/// <summary>
/// Starts the processes of runs claimed ahead of their slot before the slot, held by the exec stub until the executor
/// starts the run (<see cref="PrestartedRun"/>): at the slot a run's start is then a pipe write and an exec, not a fork
/// behind .NET's process-start lock, so a hundred runs due at one instant start together. A run it could not hold
/// (another handler, no exec stub, a template or program that fails, the slot already come) starts as usual.
/// </summary>
internal sealed class RunPrestarter(HandlerRegistry handlers, RunRecorder recorder, TimeProvider time, EngineOptions options)
{
    // Processes held at once for one slot instant, at most: each is a small process (the stub) and a pipe, and a
    // thousand of them would only wait longer for their places under the concurrency cap.
    private const int MostHeld = 256;

    /// <summary>What the run's handler is told about it, before its credentials are read (<see cref="RunSecrets.Start"/>).</summary>
    public RunContext ContextOf(ActiveRun run, string? traceParent) =>
        new(run.Task.Definition, run.RunId, run.Slot, run.Attempt, run.Trigger, run.Output, time)
        {
            PassEnvironment = options.PassEnvironment,
            TraceParent = traceParent,
            Parameters = run.Parameters,
            Upstream = recorder.Chains.UpstreamOf(run.Task.Id, run.Slot),
        };

    /// <summary>
    /// Starts and holds the runs' processes one after another, off the loop's thread, until <paramref name="slot"/>
    /// comes (what is not held by then starts as usual). Credentials are read here, just before the slot.
    /// </summary>
    public async Task HoldAsync(IReadOnlyList<ActiveRun> runs, Task slot)
    {
        if (RunTracing.IsOn)
        {
            return; // TRACEPARENT names the run's own span, which begins when the run starts
        }

        await Task.Yield(); // a fork takes a millisecond or more: never on the loop's thread, which admitted the runs
        foreach (var run in runs.Take(MostHeld))
        {
            if (slot.IsCompleted)
            {
                return;
            }

            PrestartedRun? held;
            try
            {
                held = run.StopReason is null && handlers.For(run.Task.Definition.Handler) is IPrestartingHandler handler
                    && RunSecrets.Start(ContextOf(run, traceParent: null), out _) is { } context
                    ? handler.Prestart(context)
                    : null;
            }
            catch (Exception)
            {
                continue; // whatever it was, the start at the slot meets it again and records it; the release must not wait on it
            }

            if (held is not null && !run.Hold(held))
            {
                await held.AbandonAsync(); // stopped, or started as usual, meanwhile
            }
        }
    }
}
