using Microsoft.Extensions.Logging;

namespace Scheduler.Engine.Reconciling;

/// <summary>
/// Keeps the engine in step with a source: reconciles at start, then on every change the source reports
/// (debounced, so an editor's save-rename-delete dance is one reconcile) and on a periodic full rescan.
/// </summary>
/// <remarks>It also answers <see cref="ReconcileRequests"/> (the git-sync task's), one reconcile at a time with its own.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never asked for holds nothing to dispose; the sync lives as long as the process.")]
public sealed class DefinitionSync(
    IDefinitionSource source, Reconciler reconciler, TimeProvider time, ILogger<DefinitionSync> logger, ReconcileRequests? requests = null)
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>False when something else triggers reconciles (with git, the <c>system/git-sync</c> task fetches on its interval).</summary>
    public bool Watch { get; init; } = true;

    /// <summary>The report of the latest reconcile, for the page and /readyz.</summary>
    public ReconcileReport? Latest { get; private set; }

    /// <summary>The report of the latest reconcile that was applied (no <see cref="ReconcileReport.Problem"/>): the revision the tasks run.</summary>
    public ReconcileReport? LastApplied { get; private set; }

    /// <summary>Reconciles once; the serve command awaits this before the engine starts firing.</summary>
    public Task<ReconcileReport?> ReconcileOnceAsync(CancellationToken cancellationToken) => ReconcileAsync(skipUnchanged: false, cancellationToken);

    /// <remarks>
    /// With <paramref name="skipUnchanged"/> (rescans and watcher events), a read that finds the content of the latest
    /// reconcile, which applied cleanly, does nothing more: the revision is a hash of every file, and applying the same
    /// revision again changes nothing. An idle serve with a hundred tasks otherwise spent most of its CPU upserting
    /// unchanged tasks every 30 s.
    /// </remarks>
    private async Task<ReconcileReport?> ReconcileAsync(bool skipUnchanged, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var snapshot = await source.ReadAsync(cancellationToken);
            if (skipUnchanged && snapshot.Problem is null && Latest is { Problem: null } latest && latest.Revision == snapshot.Revision)
            {
                return Latest;
            }

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
        finally
        {
            _oneAtATime.Release();
        }

        return Latest;
    }

    /// <summary>Answers reconcile requests, and with <see cref="Watch"/> follows the source's changes, until <paramref name="stopping"/>.</summary>
    public Task RunAsync(CancellationToken stopping) => Task.WhenAll(AnswerRequestsAsync(stopping), WatchAsync(stopping));

    private async Task AnswerRequestsAsync(CancellationToken stopping)
    {
        if (requests is null)
        {
            return;
        }

        try
        {
            await foreach (var request in requests.Reader.ReadAllAsync(stopping))
            {
                request.TrySetResult(await ReconcileOnceAsync(stopping));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task WatchAsync(CancellationToken stopping)
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
                await ReconcileAsync(skipUnchanged: true, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
