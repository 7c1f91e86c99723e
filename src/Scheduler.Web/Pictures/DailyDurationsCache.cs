using System.Collections.Concurrent;
using Scheduler.State.Entities;

namespace Scheduler.Web.Pictures;

/// <summary>
/// The task page's daily p50/p95 durations, by task, kept until the task's last run changes or the hour turns: they
/// are figures over 30 days of runs (up to 3,000 read), and between two runs of a task they stay what they were. For
/// the task with the most runs this read was most of its page (about 25 ms of 30 on a quiet machine).
/// </summary>
internal sealed class DailyDurationsCache(PictureQueries queries)
{
    private const int TasksKept = 256;
    private readonly ConcurrentDictionary<string, (Key Key, DailyDurationsView View)> _views = new(StringComparer.Ordinal);

    public async Task<DailyDurationsView> GetAsync(TaskRecord task, DateTimeOffset now, int runsRead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var key = new Key(task.LastRunId, task.LastRunStatus, task.LastRunFinishedAt, now.UtcDateTime.Ticks / TimeSpan.TicksPerHour);
        if (_views.TryGetValue(task.Id, out var kept) && kept.Key == key)
        {
            return kept.View;
        }

        var view = DailyDurations.Build(await queries.DurationsSinceAsync(task.Id, now.AddDays(-DailyDurations.Days), runsRead, cancellationToken), now);
        if (_views.Count >= TasksKept)
        {
            _views.Clear(); // many task pages looked at: start again rather than grow
        }

        _views[task.Id] = (key, view);
        return view;
    }

    // What the figures depend on: a run ending (or starting) changes the last run; the hour moves the 30-day window on.
    private readonly record struct Key(long? LastRunId, Definitions.Runs.RunStatus? Status, DateTimeOffset? FinishedAt, long Hour);
}
