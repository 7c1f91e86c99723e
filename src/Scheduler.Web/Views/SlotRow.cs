namespace Scheduler.Web.Views;

/// <summary>One upcoming slot: in the task's zone, in UTC, and a note when daylight saving time moves or repeats it.</summary>
public sealed record SlotRow(string Local, string Utc, string? Note);
