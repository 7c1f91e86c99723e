namespace Scheduler.Web.Api;

/// <summary>The 200 answer of <c>POST /api/pause</c> (pinned): the ids of the tasks paused now (a folder's later tasks are paused as they come).</summary>
internal sealed record PausedJson(IReadOnlyList<string> Paused);
