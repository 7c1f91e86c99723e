using Scheduler.Engine.Running;
using Microsoft.Extensions.Hosting;
using Scheduler.Engine;
using Scheduler.Engine.Reconciling;

namespace Scheduler.Serving;

/// <summary>
/// The runtime inside the web host: the engine loop, the first reconcile, then the definition sync beside the loop until the host stops (SIGTERM, Ctrl-C), when the engine stops its runs.
/// </summary>
internal sealed class SchedulerService(SchedulerEngine engine, DefinitionSync sync, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        (time as VirtualClock)?.Anchor();
        // The loop must be running before the first reconcile: applying definitions is a command it processes.
        var engineLoop = engine.RunAsync(stoppingToken);
        await sync.ReconcileOnceAsync(stoppingToken);
        await Task.WhenAll(engineLoop, sync.RunAsync(stoppingToken));
    }
}
