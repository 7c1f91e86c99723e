using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Scheduling;

namespace Scheduler.Definitions.Planning;

/// <summary>
/// Compares the definitions at a base revision with those at head. Pure: both sets are read by the
/// caller, and <c>now</c> is passed in for the next slots and the warnings.
/// </summary>
public static class Planner
{
    /// <summary>
    /// A task valid at head is added when base had no valid version of it, changed when any field
    /// differs; an id whose file is invalid at head is listed as invalid, not removed, because the
    /// runtime keeps running its last good version; an id with no file at head is removed.
    /// </summary>
    public static Plan Compare(DefinitionSet before, DefinitionSet after, DateTimeOffset now, int count)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 0);

        var old = ById(before);
        var current = ById(after);
        TaskDefinition? Lookup(string id) => current.TryGetValue(id, out var files) ? ValidTask(files) : null;
        var added = new List<PlannedTask>();
        var changed = new List<PlannedTask>();
        var invalid = new List<TaskFileResult>();
        foreach (var (id, files) in current)
        {
            if (ValidTask(files) is not { } task)
            {
                invalid.AddRange(files);
            }
            else if (old.TryGetValue(id, out var oldFiles) && ValidTask(oldFiles) is { } previous)
            {
                var fields = TaskFields.Compare(previous, task);
                if (fields.Count > 0)
                {
                    changed.Add(new PlannedTask(task, fields, Next(task, now, count)) { After = ChainText.Of(task, Lookup, now) });
                }
            }
            else
            {
                added.Add(new PlannedTask(task, TaskFields.Set(task), Next(task, now, count)) { After = ChainText.Of(task, Lookup, now) });
            }
        }

        var removed = old
            .Where(entry => !current.ContainsKey(entry.Key))
            .Select(entry => new RemovedTask(entry.Key, entry.Value[0].DisplayPath, ValidTask(entry.Value)))
            .ToList();
        var touched = added.Concat(changed).OrderBy(t => t.Id, StringComparer.Ordinal).Select(t => t.Task).ToList();
        var valid = current.Values.Select(ValidTask).OfType<TaskDefinition>().ToList();
        var warnings = touched.SelectMany(t => PlanWarnings.For(t, now)).Concat(CrowdedSlots.For(valid, touched, now)).ToList();
        return new Plan(added, changed, removed, invalid, warnings);
    }

    /// <summary>The slots a task fires at after <paramref name="now"/>; none when it is disabled.</summary>
    public static IReadOnlyList<Slot> Next(TaskDefinition task, DateTimeOffset now, int count)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Enabled ? [.. task.Slots.Upcoming(now, count)] : [];
    }

    // Sorted by id; an id may have two files (x.yaml beside x.yml), which the loader already marked invalid.
    private static SortedDictionary<string, List<TaskFileResult>> ById(DefinitionSet set)
    {
        var byId = new SortedDictionary<string, List<TaskFileResult>>(StringComparer.Ordinal);
        foreach (var file in set.Files)
        {
            if (!byId.TryGetValue(file.TaskId, out var files))
            {
                byId[file.TaskId] = files = [];
            }

            files.Add(file);
        }

        return byId;
    }

    private static TaskDefinition? ValidTask(List<TaskFileResult> files) =>
        files.Count == 1 ? files[0].Task : null;
}
