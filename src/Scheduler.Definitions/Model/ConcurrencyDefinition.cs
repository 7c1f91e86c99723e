using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Model;

/// <summary>
/// <c>concurrency: { group: db, limit: 2 }</c>: at most <see cref="Limit"/> runs of the tasks that name
/// <see cref="Group"/> at once, across every replica. <see cref="LimitAt"/> is where the limit stands in the file,
/// where a limit that differs from another file's is reported.
/// </summary>
public sealed record ConcurrencyDefinition(string Group, int Limit, SourcePosition LimitAt)
{
    /// <summary>What a run that finds the group full waits for, as the page, the API and <c>scheduler runs</c> say it.</summary>
    public string Waiting => $"waiting for a place in group {Group} (limit {Limit})";
}
