using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>One call of the <see cref="ScriptedHandler"/>: what the engine passed, and the switch that ends a blocked run.</summary>
internal sealed class HandlerCall(RunContext context, CancellationToken cancel)
{
    private readonly TaskCompletionSource<HandlerOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RunContext Context { get; } = context;

    /// <summary>True once the engine asked this run to stop (shutdown, cancel, replace).</summary>
    public bool StopRequested => cancel.IsCancellationRequested;

    public Task<HandlerOutcome> Outcome => _outcome.Task;

    public void Release(HandlerOutcome? outcome = null) => _outcome.TrySetResult(outcome ?? HandlerOutcome.Succeeded());

    public void Stopped() => _outcome.TrySetResult(new HandlerOutcome(RunStatus.Cancelled, Error: "stopped"));
}
