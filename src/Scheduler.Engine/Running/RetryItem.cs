namespace Scheduler.Engine.Running;

/// <summary>A retry waiting for its backoff: attempt <see cref="Attempt"/> of the slot <see cref="Slot"/>.</summary>
/// <remarks><see cref="Parameters"/> are the failed attempt's: a retry runs with the values the first attempt had.</remarks>
internal sealed record RetryItem(string TaskId, DateTimeOffset Slot, int Attempt, IReadOnlyDictionary<string, string>? Parameters = null);
