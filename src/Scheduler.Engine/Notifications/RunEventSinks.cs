using Scheduler.Engine.Running;

namespace Scheduler.Engine.Notifications;

/// <summary>
/// Several sinks as the engine's one: the notifier and the metrics both hear the engine's events. Each is told only
/// of the tasks it listens to; one that throws does not keep the event from the others.
/// </summary>
public sealed class RunEventSinks(IEnumerable<IRunEventSink> sinks) : IRunEventSink
{
    private readonly IRunEventSink[] _sinks = [.. sinks];

    public bool ListensTo(ScheduledTask task) => _sinks.Any(s => s.ListensTo(task));

    public bool ListensTo(ScheduledTask task, RunEventKind kind) => _sinks.Any(s => s.ListensTo(task, kind));

    public void Publish(RunEvent runEvent)
    {
        List<Exception>? failures = null;
        foreach (var sink in _sinks)
        {
            try
            {
                if (sink.ListensTo(runEvent.Task, runEvent.Kind))
                {
                    sink.Publish(runEvent);
                }
            }
            catch (Exception e)
            {
                (failures ??= []).Add(e);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException("a run event sink failed", failures); // the engine logs it and goes on
        }
    }
}
