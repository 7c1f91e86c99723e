namespace Scheduler.Engine.Running;

/// <summary>A retry waiting for its backoff: attempt <see cref="Attempt"/> of the slot <see cref="Slot"/>.</summary>
internal sealed record RetryItem(string TaskId, DateTimeOffset Slot, int Attempt);
