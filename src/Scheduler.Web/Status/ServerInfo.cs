using Scheduler.Engine.Reconciling;
using Scheduler.Engine.Running;

namespace Scheduler.Web.Status;

/// <summary>What the page header and <c>/api/status</c> say about this process: revisions, instance, clock, start.</summary>
internal sealed class ServerInfo
{
    private readonly DefinitionSync _sync;
    private readonly TimeProvider _time;

    public ServerInfo(DefinitionSync sync, TimeProvider time, EngineOptions engine)
    {
        _sync = sync;
        _time = time;
        Instance = engine.Instance;
        // A virtual clock restarts at its start instant when the engine starts, so that instant is the start.
        StartedAt = time is VirtualClock clock ? clock.Start : time.GetUtcNow();
        Rate = time is VirtualClock virtualClock ? virtualClock.Rate : 1.0;
    }

    public string Instance { get; }

    public DateTimeOffset StartedAt { get; }

    private double Rate { get; }

    public ClockState Clock() => new(_time is VirtualClock, _time.GetUtcNow(), Rate);

    public RevisionState Revision()
    {
        var latest = _sync.Latest;
        return new RevisionState(_sync.LastApplied?.Revision, latest?.Revision, latest?.Problem);
    }
}
