using Scheduler.Engine.Notifications;
using Scheduler.Engine.Planning;
using Scheduler.Engine.Running;

namespace Scheduler.Web.Metrics;

/// <summary>
/// Counts slots the engine passed over (downtime, starting deadline, catch-up policy) into
/// <c>scheduler_slots_missed_total</c>. They are never runs in the store, so the metrics feed cannot read them there:
/// the engine tells this sink as it passes them.
/// </summary>
internal sealed class MissedSlotsMetric(SchedulerMetrics metrics) : IRunEventSink
{
    public bool ListensTo(ScheduledTask task) => true;

    // Passed slots come as skips; saying no to outcomes keeps the engine from reading a streak at every run's end.
    public bool ListensTo(ScheduledTask task, RunEventKind kind) => kind == RunEventKind.Skipped;

    public void Publish(RunEvent runEvent)
    {
        if (runEvent.PassedSlots > 0)
        {
            metrics.SlotsMissed.WithLabels(runEvent.Task.Id, Label(runEvent.PassedCause)).Inc(runEvent.PassedSlots);
        }
    }

    private static string Label(PassedCause? cause) => cause switch
    {
        PassedCause.Downtime => "downtime",
        PassedCause.MaxCatchUp => "max-catch-up",
        PassedCause.StartingDeadline => "starting-deadline",
        _ => "other",
    };
}
