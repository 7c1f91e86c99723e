namespace Scheduler.Web.Api;

/// <summary>The 200 answer of <c>POST /api/resume</c> (pinned): the ids of the tasks that run again.</summary>
internal sealed record ResumedJson(IReadOnlyList<string> Resumed);
