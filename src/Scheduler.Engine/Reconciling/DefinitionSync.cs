using Microsoft.Extensions.Logging;

namespace Scheduler.Engine.Reconciling;

/// <summary>
/// Keeps the engine in step with a source: reconciles at start, then on every change the source reports
/// (debounced, so an editor's save-rename-delete dance is one reconcile) and on a periodic full rescan.
/// </summary>
public sealed class DefinitionSync(IDefinitionSource source, Reconciler reconciler, TimeProvider time, ILogger<DefinitionSync> logger)
{
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>False when something else triggers reconciles (with git, the <c>system/git-sync</c> task fetches on its interval).</summary>
    public bool Watch { get; init; } = true;

    /// <summary>The report of the latest reconcile, for the page and /readyz.</summary>
    public ReconcileReport? Latest { get; private set; }

    /// <summary>The report of the latest reconcile that was applied (no <see cref="ReconcileReport.Problem"/>): the revision the tasks run.</summary>
    public ReconcileReport? LastApplied { get; private set; }

    /// <summary>Reconciles once; the serve command awaits this before the engine starts firing.</summary>
    public async Task<ReconcileReport?> ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = await source.ReadAsync(cancellationToken);
            Latest = await reconciler.ApplyAsync(snapshot, source.Description, cancellationToken);
            if (Latest.Problem is null)
            {
                LastApplied = Latest;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ReconcileLog.Failed(logger, e);
        }

        return Latest;
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        if (!Watch)
        {
            return;
        }

        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await source.WaitForChangeAsync(RescanInterval, stopping);
                await Task.Delay(Debounce, time, stopping);
                await ReconcileOnceAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
