namespace Scheduler.Web.Api;

/// <summary>The body of <c>POST /api/resume</c> (pinned): the target whose pause is lifted.</summary>
internal sealed record ResumeRequestJson(string? Target);
