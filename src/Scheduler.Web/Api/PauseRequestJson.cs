namespace Scheduler.Web.Api;

/// <summary>The body of <c>POST /api/pause</c> (pinned): a target (task id, folder with its slash, or <c>*</c>), a reason, an optional until (instant or duration).</summary>
internal sealed record PauseRequestJson(string? Target, string? Reason, string? Until);
