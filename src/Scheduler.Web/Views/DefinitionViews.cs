using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Scheduling;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Web.Views;

/// <summary>
/// The <see cref="DefinitionView"/> of each task, by (id, content hash): the lists of tasks (overview, timeline,
/// calendar) read the tasks without their definition text and ask here; only a task whose hash is new since
/// the last look has its text read (all of them, in one query) and parsed.
/// </summary>
internal sealed class DefinitionViews(SchedulerStore store, Engine.Registry.DefinitionRegistry definitions)
{
    private readonly ConcurrentDictionary<string, DefinitionView> _views = new(StringComparer.Ordinal);

    /// <summary>The view of a task read whole (with its text): the task page and the API.</summary>
    public DefinitionView Get(TaskRecord task, DateTimeOffset now) =>
        _views.TryGetValue(task.Id, out var view) && view.Hash == task.DefinitionHash ? view : _views[task.Id] = Build(task, now);

    /// <summary>The views of tasks read by <see cref="TaskSummaries"/> (no text), by id; the text of those not seen at their hash is read once.</summary>
    public async Task<IReadOnlyDictionary<string, DefinitionView>> GetAsync(IReadOnlyList<TaskRecord> tasks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var missing = tasks.Where(t => !(_views.TryGetValue(t.Id, out var v) && v.Hash == t.DefinitionHash)).Select(t => t.Id).ToList();
        if (missing.Count > 0)
        {
            await using var db = await store.Contexts.CreateDbContextAsync(cancellationToken);
            foreach (var chunk in missing.Chunk(500)) // under SQLite's limit of bound parameters
            {
                foreach (var full in await db.Tasks.AsNoTracking().Where(t => chunk.Contains(t.Id)).ToListAsync(cancellationToken))
                {
                    _views[full.Id] = Build(full, now);
                }
            }
        }

        var result = new Dictionary<string, DefinitionView>(tasks.Count, StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            // A task changed between the two reads shows its newer text; one deleted meanwhile shows as built in.
            result[task.Id] = _views.TryGetValue(task.Id, out var view) ? view : Build(task, now);
        }

        return result;
    }

    private DefinitionView Build(TaskRecord task, DateTimeOffset now)
    {
        var definition = definitions.Get(task, now);
        if (definition is null)
        {
            // System tasks are registry entries like the rest; a stored task that does not parse (or a system task of
            // settings this process does not have) shows no schedule.
            return new DefinitionView(task.DefinitionHash, null, task.IsSystem ? "built in" : "-", null, "UTC", TimeZoneInfo.Utc, null);
        }

        return new DefinitionView(
            task.DefinitionHash,
            definition.Description,
            definition.Schedule.Describe(),
            ScheduleWords.Of(definition.Schedule),
            definition.Schedule.TimeZoneId,
            definition.Slots.TimeZone,
            definition);
    }
}
