namespace Scheduler.Definitions.Scheduling;

/// <summary>One instant at which a schedule fires: in UTC, in the schedule's zone, and why it may differ from the nominal time.</summary>
public readonly record struct Slot(DateTimeOffset Utc, DateTimeOffset Local, SlotNote Note);
