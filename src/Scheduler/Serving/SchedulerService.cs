using Scheduler.Engine.Running;
using Microsoft.Extensions.Hosting;
using Scheduler.Engine;
using Scheduler.Engine.Reconciling;

namespace Scheduler.Serving;

/// <summary>
/// The runtime inside the web host: the engine loop, the first reconcile, then the definition sync beside the loop
/// until the host stops (SIGTERM, Ctrl-C). The stop drains first: <see cref="StoppingAsync"/> runs before any hosted
/// service stops, so Kestrel still serves <c>/readyz</c> (failing) and the page while the runs in progress finish;
/// then the stopping token ends the loop, which stops what is left.
/// </summary>
internal sealed class SchedulerService(SchedulerEngine engine, DefinitionSync sync, TimeProvider time) : BackgroundService, IHostedLifecycleService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        (time as VirtualClock)?.Anchor();
        // The loop must be running before the first reconcile: applying definitions is a command it processes.
        var engineLoop = engine.RunAsync(stoppingToken);
        await sync.ReconcileOnceAsync(stoppingToken);
        StartupMemory.Release();
        await Task.WhenAll(engineLoop, sync.RunAsync(stoppingToken));
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => engine.DrainAsync(cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
