namespace Scheduler.Engine.Planning;

/// <summary>
/// Consecutive due slots passed over for one reason: recorded as one skipped row whose slot is <see cref="From"/>
/// (with <c>passed: {from, to, count}</c>), so a week of downtime of an every-minute task is one row, not ten thousand.
/// </summary>
public sealed record PassedRange(DateTimeOffset From, DateTimeOffset To, int Count, PassedCause Cause, string Reason);
