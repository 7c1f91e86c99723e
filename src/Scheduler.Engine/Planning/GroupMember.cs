namespace Scheduler.Engine.Planning;

/// <summary>What the <see cref="ConcurrencyRule"/> knows of one task of a group: its <c>starting-deadline</c>, if any.</summary>
public sealed record GroupMember(TimeSpan? StartingDeadline);
