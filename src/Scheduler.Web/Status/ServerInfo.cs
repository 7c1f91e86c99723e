using Scheduler.Engine.Reconciling;
using Scheduler.Engine.Running;
using Scheduler.State.Store;

namespace Scheduler.Web.Status;

/// <summary>What the page header and <c>/api/status</c> say about this process (revisions, instance, clock, start) and its fellow instances.</summary>
internal sealed class ServerInfo
{
    private readonly DefinitionSync _sync;
    private readonly TimeProvider _time;
    private readonly RunStore _store;
    private readonly EngineOptions _engine;

    public ServerInfo(DefinitionSync sync, TimeProvider time, EngineOptions engine, RunStore store)
    {
        _sync = sync;
        _time = time;
        _store = store;
        _engine = engine;
        Instance = engine.Instance;
        // A virtual clock restarts at its start instant when the engine starts, so that instant is the start.
        StartedAt = time is VirtualClock clock ? clock.Start : time.GetUtcNow();
        Rate = time is VirtualClock virtualClock ? virtualClock.Rate : 1.0;
    }

    public string Instance { get; }

    public DateTimeOffset StartedAt { get; }

    private double Rate { get; }

    public ClockState Clock() => new(_time is VirtualClock, _time.GetUtcNow(), Rate);

    /// <summary>Every process that served this store (replicas, and earlier names), with its last heartbeat.</summary>
    public async Task<IReadOnlyList<InstanceState>> InstancesAsync(CancellationToken cancellationToken) =>
        InstanceState.From(await _store.ListInstancesAsync(cancellationToken), _engine, _time.GetUtcNow());

    public RevisionState Revision()
    {
        var latest = _sync.Latest;
        return new RevisionState(_sync.LastApplied?.Revision, latest?.Revision, latest?.Problem);
    }
}
