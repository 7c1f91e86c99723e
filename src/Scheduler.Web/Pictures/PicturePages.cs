using Microsoft.AspNetCore.Http;
using Scheduler.Definitions.Model;
using Scheduler.State.Entities;
using Scheduler.Definitions.Values;
using Scheduler.Web.Views;

namespace Scheduler.Web.Pictures;

/// <summary>Builds the models of <c>/timeline</c>, <c>/failures</c> and <c>/calendar.ics</c> from the store and the parsed definitions.</summary>
internal sealed class PicturePages(TaskList list, OverviewFolders folders, TimelineRuns runs, PictureQueries queries, TimeProvider time)
{
    public const int FailuresShown = 200;
    private const int CalendarEventsPerTask = 200;
    private const int CalendarEvents = 10_000;

    public async Task<TimelineView> TimelineAsync(TaskFilter filter, string? problem, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var from = now - Timelines.Half;
        var snapshot = await list.SnapshotAsync(now, cancellationToken);
        var matching = folders.Grouped(snapshot.Listed, filter);
        var shown = matching.Folders.SelectMany(f => f.Rows).Select(r => r.Id).ToList();
        // Among many tasks only the strips shown need their runs: read those tasks' runs alone, by the (task, id) index.
        var byTask = await runs.GetAsync(snapshot.Tasks, shown.Count == matching.Shown ? null : shown, from, cancellationToken);
        var byId = snapshot.ById;
        var strips = matching.Folders
            .Select(f => new TimelineFolder(
                f.Key,
                f.Label,
                f.Tasks.Count,
                f.Counts,
                [.. f.Rows.Select(r => Timelines.Row(r, Enabled(byId[r.Id].Definition)?.Slots, byId[r.Id].Task.AppliedAt, byTask[r.Id], now))],
                f.Complete ? null : (filter with { Folder = f.Key.Length == 0 ? null : f.Key }).Url("/timeline")))
            .ToList();
        return new TimelineView(
            filter, problem, strips, Timelines.Hours(now), TimeText.Utc(from), TimeText.Utc(now), TimeText.Utc(now + Timelines.Half),
            Timelines.N(Timelines.Width / 2.0), shown.Count, matching.Shown, snapshot.Listed.Count);
    }

    public async Task<FailuresView> FailuresAsync(CancellationToken cancellationToken) =>
        FailureGroups.Build(await queries.LatestFailuresAsync(FailuresShown, cancellationToken), FailuresShown, time.GetUtcNow());

    /// <summary>The next 7 days of slots of the matching tasks; <paramref name="site"/> is the page's address, for the links.</summary>
    public async Task<string> CalendarAsync(TaskFilter filter, string site, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now.AddDays(7);
        var (tasks, _) = await MatchingAsync(filter, now, cancellationToken);
        var feed = new CalendarFeed("Scheduler: the next 7 days");
        foreach (var (task, row, definition) in tasks)
        {
            if (Enabled(definition) is not { } schedule || task.State == TaskState.Retired)
            {
                continue;
            }

            var cursor = now;
            for (var i = 0; i < CalendarEventsPerTask && feed.Events < CalendarEvents && schedule.Slots.NextAfter(cursor) is { } slot && slot.Utc < until; i++)
            {
                cursor = slot.Utc;
                var url = site + row.Url;
                feed.Add(
                    $"{task.Id}/{slot.Utc.ToUnixTimeSeconds()}@scheduler",
                    now,
                    slot.Utc,
                    task.Id,
                    $"{row.ScheduleWords ?? row.Schedule}{(row.Description is null ? "" : "\n" + row.Description)}\n{url}",
                    url);
            }
        }

        return feed.Finish();
    }

    private async Task<(List<(TaskRecord Task, TaskRow Row, TaskDefinition? Definition)> Tasks, int Total)> MatchingAsync(
        TaskFilter filter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var all = await list.GetAsync(now, cancellationToken);
        var matching = all
            .Where(t => filter.Matches(t.Row))
            .Select(t => (t.Task, t.Row, t.Definition))
            .ToList(); // in id order already (ordinal)
        return (matching, all.Count);
    }

    private static ScheduleDefinition? Enabled(TaskDefinition? definition) =>
        definition is { Enabled: true } ? definition.Schedule : null;

    /// <summary>The address of the site as the request reached it, for absolute links in the feed.</summary>
    public static string Site(HttpRequest request) => $"{request.Scheme}://{request.Host}";
}
