using System.Globalization;
using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Planning;

/// <summary>
/// A run of the same task that counts for the overlap policy: claimed by this process (waiting for its claim to
/// commit, for a place, or in its handler), <c>running</c> on another replica (<see cref="Instance"/> set), or
/// <c>queued</c> on any replica for a place in its concurrency group (<see cref="WaitingFor"/> set).
/// </summary>
public readonly record struct RunInWay(long? RunId, DateTimeOffset Slot, int Attempt, RunTrigger Trigger, string? Instance = null)
{
    /// <summary>For a run that waits <c>queued</c> in a concurrency group rather than runs: what it waits for.</summary>
    public string? WaitingFor { get; init; }

    /// <summary>How a skip's reason names it, e.g. <c>run #12 (slot 2026-11-23T12:00:00Z, attempt 1)</c>.</summary>
    public string Describe()
    {
        var slot = Slot.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var run = RunId is { } id ? $"run #{id}" : "the run";
        return Instance is null
            ? $"{run} (slot {slot}, attempt {Attempt})"
            : $"{run} (instance '{Instance}')";
    }
}
