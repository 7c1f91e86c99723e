namespace Scheduler.Web.Views;

/// <summary>A task's last run as a table cell: status, when (relative, UTC on hover), duration.</summary>
public sealed record RunCell(long Id, string Url, string Status, string? When, string? WhenUtc, string Duration);
