namespace Scheduler.Web.Api;

/// <summary>
/// <c>"paused"</c> of a task in <c>/api/tasks</c> and <c>scheduler status</c> (pinned): who paused it, why, since and until
/// when (null: until resumed); the whole field is null while the task runs on its schedule.
/// </summary>
internal sealed record PauseJson(string By, string Reason, DateTime Since, DateTime? Until);
