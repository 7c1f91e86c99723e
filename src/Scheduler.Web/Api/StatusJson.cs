namespace Scheduler.Web.Api;

/// <summary><c>GET /api/status</c>.</summary>
internal sealed record StatusJson(RevisionJson Revision, string Instance, ClockJson Clock, DateTime StartedAt);
