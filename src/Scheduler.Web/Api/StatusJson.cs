namespace Scheduler.Web.Api;

/// <summary>
/// <c>GET /api/status</c>. <see cref="Instances"/> (every process serving this store) came after the first four, <see cref="Store"/>
/// (does the store take writes) after it, <see cref="Drain"/> (is this instance shutting down) last; fields are only ever added.
/// </summary>
internal sealed record StatusJson(RevisionJson Revision, string Instance, ClockJson Clock, DateTime StartedAt, IReadOnlyList<InstanceJson> Instances, StoreJson Store, DrainJson Drain);
