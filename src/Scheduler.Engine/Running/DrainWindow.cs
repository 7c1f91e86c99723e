namespace Scheduler.Engine.Running;

/// <summary>A drain: since when the process claims nothing, and until when its runs in progress go on.</summary>
public sealed record DrainWindow(DateTimeOffset Since, DateTimeOffset Deadline);
