namespace Scheduler.Web.Api;

/// <summary>The process clock: virtual or not, its time now, and its speed relative to real time (1 for the system clock).</summary>
internal sealed record ClockJson(bool Virtual, DateTime Now, double? Rate);
