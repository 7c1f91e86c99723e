namespace Scheduler.Web.Api;

/// <summary>
/// Whether this instance is shutting down: while it drains it starts no new run, and its runs in progress go on
/// until <see cref="Deadline"/>, when what is left is stopped and recorded interrupted.
/// </summary>
internal sealed record DrainJson(bool Draining, DateTime? Since, DateTime? Deadline);
