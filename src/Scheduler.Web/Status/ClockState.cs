namespace Scheduler.Web.Status;

/// <summary>The process clock: virtual (<c>--clock-start</c>, or a fake in tests) or the system's, its time now and, when known, its rate.</summary>
internal sealed record ClockState(bool Virtual, DateTimeOffset Now, double? Rate);
