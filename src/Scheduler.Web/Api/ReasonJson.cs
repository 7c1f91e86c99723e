namespace Scheduler.Web.Api;

/// <summary>Why a request was refused (404, 409, 401, 403).</summary>
internal sealed record ReasonJson(string Reason);
