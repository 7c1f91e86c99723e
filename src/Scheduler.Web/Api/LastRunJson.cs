namespace Scheduler.Web.Api;

/// <summary>A task's newest run, in <see cref="TaskJson.LastRun"/>.</summary>
internal sealed record LastRunJson(long Id, string Status, DateTime? StartedAt, DateTime? FinishedAt);
