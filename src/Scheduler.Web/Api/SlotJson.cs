namespace Scheduler.Web.Api;

/// <summary>An upcoming slot, as <c>scheduler next --format json</c> writes it: note is null, <c>dst-gap-shifted</c> or <c>dst-repeated-hour</c>.</summary>
internal sealed record SlotJson(DateTime Utc, DateTimeOffset Local, string? Note);
