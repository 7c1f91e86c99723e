namespace Scheduler.Web.Views;

/// <summary>One audited action on a task: when, what, who (address), the result and its detail.</summary>
public sealed record AuditRow(string At, string Action, string? Actor, string Result, string? Detail, string? RunUrl, long? RunId);
