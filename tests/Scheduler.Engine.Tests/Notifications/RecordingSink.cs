using Scheduler.Engine.Notifications;

namespace Scheduler.Engine.Tests.Notifications;

/// <summary>An event sink that keeps what the engine told it.</summary>
internal sealed class RecordingSink : IRunEventSink
{
    private readonly Lock _gate = new();
    private readonly List<RunEvent> _events = [];

    public IReadOnlyList<RunEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public void Publish(RunEvent runEvent)
    {
        lock (_gate)
        {
            _events.Add(runEvent);
        }
    }
}
