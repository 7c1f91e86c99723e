using System.Collections.Concurrent;
using Scheduler.State.Entities;

namespace Scheduler.Web.Pictures;

/// <summary>
/// The runs <c>/timeline</c> draws (the last 24 hours of the strips shown), kept while no task changed: every write
/// that adds or ends a run (a claim, an end, a skipped row) writes its task's row in the same transaction, which moves
/// the tasks' signature and so hands out a new task list (<see cref="Views.TaskSummaries"/>). Reading them was the
/// largest part of a timeline request. Read again after <see cref="MaxAge"/> all the same, for a write that touches
/// runs alone (retention deleting old runs).
/// </summary>
internal sealed class TimelineRuns(PictureQueries queries, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private const int Limit = 50_000;
    private const int ViewsKept = 32;
    private readonly ConcurrentDictionary<string, Kept> _kept = new(StringComparer.Ordinal);

    /// <summary>
    /// The runs whose slot or start is at or after <paramref name="from"/> of <paramref name="shown"/> (null: of every
    /// task), by task, as of the task list <paramref name="tasks"/>; a kept read may reach further back than
    /// <paramref name="from"/> (the strips draw from their own start).
    /// </summary>
    public async Task<ILookup<string, RunBrief>> GetAsync(
        IReadOnlyList<TaskRecord> tasks, IReadOnlyList<string>? shown, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var key = shown is null ? "*" : string.Join('\n', shown);
        var now = time.GetUtcNow();
        if (_kept.TryGetValue(key, out var kept) && ReferenceEquals(kept.Tasks, tasks) && now - kept.ReadAt < MaxAge && kept.From <= from)
        {
            return kept.Runs;
        }

        var runs = (await queries.RunsSinceAsync(from, Limit, shown, cancellationToken)).ToLookup(r => r.TaskId, StringComparer.Ordinal);
        if (_kept.Count >= ViewsKept)
        {
            _kept.Clear(); // many different views at once: start again rather than grow
        }

        _kept[key] = new Kept(tasks, now, from, runs);
        return runs;
    }

    private sealed record Kept(IReadOnlyList<TaskRecord> Tasks, DateTimeOffset ReadAt, DateTimeOffset From, ILookup<string, RunBrief> Runs);
}
