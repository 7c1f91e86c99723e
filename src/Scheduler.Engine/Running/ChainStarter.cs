using Microsoft.Extensions.Logging;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Planning;
using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>
/// The loop's hand for chained runs: the end writer queued them in the store with their upstream's end; this hands each
/// to the <see cref="Dispatcher"/> as an owed run of trigger <c>after</c>, so overlap, retries, timeouts and notifications
/// apply as to any run. What a crash left queued (or a dead replica) is found at start-up and by a look every minute.
/// </summary>
internal sealed class ChainStarter
{
    // A row younger than this is still its writer's to start; the look only takes what nobody took.
    private static readonly TimeSpan Orphaned = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LookInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<long, ChainedRun> _pending = [];
    private readonly RunStore _store;
    private readonly ChainRoutes _routes;
    private readonly TaskBook _tasks;
    private readonly Dispatcher _dispatcher;
    private readonly Func<CancellationToken, Task<long?[]?>> _flush;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _delay;
    private DateTimeOffset _nextLook = DateTimeOffset.MinValue;

    /// <summary>Wired by the loop: <paramref name="flush"/> claims the open batch, <paramref name="post"/> runs work on the loop's thread.</summary>
    public ChainStarter(
        RunStore store, ChainRoutes routes, TaskBook tasks, Dispatcher dispatcher, Func<CancellationToken, Task<long?[]?>> flush,
        Func<Func<Task<bool>>, Task<bool>> post, TimeProvider time, TimeSpan delay, ILogger logger)
    {
        _time = time;
        _delay = delay;
        _store = store;
        _routes = routes;
        _tasks = tasks;
        _dispatcher = dispatcher;
        _flush = flush;
        _logger = logger;
        routes.Queued = runs => _ = post(() => StartAsync(runs, null, CancellationToken.None));
    }

    /// <summary>
    /// Remembers the upstream of each chained run among <paramref name="runs"/> (task, slot) from the store, so its next
    /// attempt sees <c>SCHEDULER_UPSTREAM_*</c> though this process never dispatched it: a retry owed from before a restart,
    /// or a run a concurrency group admitted here. Runs that are not chained, and a store that fails to answer, leave nothing.
    /// </summary>
    public async Task RememberUpstreamsAsync(IEnumerable<(string TaskId, DateTimeOffset Slot)> runs, CancellationToken cancellationToken)
    {
        var unknown = runs.Where(r => _routes.UpstreamOf(r.TaskId, r.Slot) is null).Distinct().ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var run in await _store.FindChainCausesAsync(unknown, cancellationToken))
            {
                _routes.Remember(run);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EngineLog.StoreFailed(_logger, e);
        }
    }

    /// <summary>Chained runs just queued by an end of this process.</summary>
    private void Add(IEnumerable<ChainedRun> runs)
    {
        foreach (var run in runs)
        {
            _pending[run.RunId] = run;
        }
    }

    /// <summary>At start-up (everything queued) and then every minute (what is older than <see cref="Orphaned"/>), reads what waits in the store.</summary>
    private async Task LookIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now < _nextLook)
        {
            return;
        }

        var startUp = _nextLook == DateTimeOffset.MinValue;
        _nextLook = now + LookInterval;
        try
        {
            Add(await _store.ListQueuedChainedAsync(startUp ? now : now - Orphaned, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EngineLog.StoreFailed(_logger, e);
        }
    }

    /// <summary>
    /// Takes <paramref name="queued"/> (just queued by an end of this process) and, with <paramref name="now"/>, what the
    /// store holds, then dispatches every pending chained run whose task is applied (the others wait for their task) and
    /// claims them with the open batch (so it also writes what the loop put there before).
    /// </summary>
    public async Task<bool> StartAsync(IReadOnlyList<ChainedRun> queued, DateTimeOffset? now, CancellationToken cancellationToken)
    {
        Add(queued);
        if (now is { } instant)
        {
            await LookIfDueAsync(instant, cancellationToken);
        }

        if (_pending.Count > 0)
        {
            await DispatchAsync(cancellationToken);
        }

        await _flush(cancellationToken);
        return true;
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        _dispatcher.BeginTick();
        foreach (var run in _pending.Values.OrderBy(r => r.SlotUtc).ThenBy(r => r.RunId).ToList())
        {
            if (!_tasks.TryGet(run.TaskId, out var slots) || run.SlotUtc + _delay > _time.GetUtcNow())
            {
                continue;
            }

            _pending.Remove(run.RunId);
            _routes.Remember(run);
            var owed = new OwedRun(run.SlotUtc, RunTrigger.After) { QueuedRunId = run.RunId };
            await _dispatcher.DispatchAsync(slots, owed, fromBacklog: false, cancellationToken);
        }
    }
}
