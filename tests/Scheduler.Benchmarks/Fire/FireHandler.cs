using Scheduler.Definitions.Model;
using Scheduler.Engine.Handlers;

namespace Scheduler.Benchmarks.Fire;

/// <summary>The protocol's job: which job id (0..N-1) a task is. A handler kind of its own, served by <see cref="FireRunHandler"/>.</summary>
internal sealed record FireHandlerDefinition(int JobId) : HandlerDefinition(FireRunHandler.KindName);

/// <summary>
/// The protocol's trivial in-process handler, plugged into the engine's <see cref="HandlerRegistry"/> like any
/// other kind: its first statement reads the clock, then it records (job, slot the engine handed it, start) and returns.
/// </summary>
internal sealed class FireRunHandler : IRunHandler
{
    public const string KindName = "bench-fire";

    private static readonly Task<HandlerOutcome> Succeeded = Task.FromResult(HandlerOutcome.Succeeded());

    public string Kind => KindName;

    public Task<HandlerOutcome> RunAsync(RunContext context, CancellationToken cancel)
    {
        var start = DateTime.UtcNow.Ticks;
        FireRecorder.Current.Record(((FireHandlerDefinition)context.Task.Handler).JobId, context.Slot.UtcTicks, start);
        return Succeeded;
    }
}
