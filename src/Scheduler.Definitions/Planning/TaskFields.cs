using System.Globalization;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Values;

namespace Scheduler.Definitions.Planning;

/// <summary>
/// A task as an ordered list of (key path, value text) pairs, in the order of the format's key table.
/// Values are canonical text (durations as <c>1h30m</c>, text JSON-quoted), so two tasks are compared
/// field by field by comparing text: the model's lists, maps and slot calculators do not compare by value.
/// Unset optional fields are left out; fields with defaults are always present, so <c>timeout: 1h → 30m</c>
/// shows even when the old file did not write <c>timeout</c>.
/// </summary>
public static class TaskFields
{
    // The text of each field's default: an added task shows only the fields that differ from these.
    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal)
    {
        ["enabled"] = "true",
        ["catch-up"] = "latest",
        ["max-catch-up"] = TaskDefinition.DefaultMaxCatchUp.ToString(CultureInfo.InvariantCulture),
        ["overlap"] = "forbid",
        ["priority"] = "normal",
        ["timeout"] = Durations.Format(TaskDefinition.DefaultTimeout),
        ["kill-grace"] = Durations.Format(TaskDefinition.DefaultKillGrace),
        ["retry"] = "none",
        ["http.method"] = "GET",
        ["http.expect-status"] = "any 2xx",
        ["http.timeout"] = Durations.Format(HttpHandler.DefaultTimeout),
        ["sqlite-backup.keep"] = SqliteBackupHandler.DefaultKeep.ToString(CultureInfo.InvariantCulture),
        ["cleanup.pattern"] = "\"*\"",
        ["cleanup.dry-run"] = "false",
        ["notify.on"] = NotifyOn(NotifyDefinition.DefaultEvents),
        ["notify.streak"] = NotifyDefinition.DefaultStreak.ToString(CultureInfo.InvariantCulture),
    };

    public static IReadOnlyList<KeyValuePair<string, string>> Of(TaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var fields = new List<KeyValuePair<string, string>>();
        void Add(string field, string? value)
        {
            if (value is not null)
            {
                fields.Add(new(field, value));
            }
        }

        Add("description", FieldText.Quote(task.Description));
        Add("enabled", FieldText.Bool(task.Enabled));
        Add("schedule", FieldText.Schedule(task.Schedule));
        Add("jitter", task.Schedule.DescribeJitter());
        Add("catch-up", task.CatchUp.ToString().ToLowerInvariant());
        Add("max-catch-up", FieldText.Number(task.MaxCatchUp));
        Add("starting-deadline", FieldText.Duration(task.StartingDeadline));
        Add("overlap", task.Overlap.ToString().ToLowerInvariant());
        Add("timeout", FieldText.Duration(task.Timeout));
        Add("kill-grace", FieldText.Duration(task.KillGrace));
        Add("retry", task.Retry.Attempts == 0 ? "none" : $"{{ attempts: {task.Retry.Attempts}, backoff: {Durations.Format(task.Retry.Backoff)} }}");
        Add("suspend-after-failures", task.SuspendAfterFailures is { } suspend ? FieldText.Number(suspend) : null);
        foreach (var (name, value) in task.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Add($"env.{name}", FieldText.Value(value));
        }

        Add("working-directory", FieldText.Quote(task.WorkingDirectory));
        Add("priority", task.Priority.ToString().ToLowerInvariant());
        Add("concurrency", task.Concurrency is { } group ? $"{{ group: {group.Group}, limit: {FieldText.Number(group.Limit)} }}" : null);
        foreach (var parameter in task.Parameters)
        {
            Add($"params.{parameter.Name}", FieldText.Parameter(parameter));
        }

        HandlerFields.Add(task.Handler, Add);
        if (task.Notify is { } notify)
        {
            Add("notify.on", NotifyOn(notify.On));
            Add("notify.streak", FieldText.Number(notify.Streak));
            Add("notify.webhook", notify.Webhook.Describe());
            Add("notify.webhook.template", FieldText.Quote(notify.Webhook.Template));
        }

        return fields;
    }

    private static string NotifyOn(IEnumerable<NotifyEvent> events) => $"[{string.Join(", ", events.Select(Notifications.NotifyNames.Of))}]";

    /// <summary>True when <paramref name="value"/> is what the field is when the file does not set it.</summary>
    public static bool IsDefault(string field, string value) =>
        Defaults.TryGetValue(field, out var fallback) && fallback == value;

    /// <summary>The fields that differ between two versions of a task, in key-table order (old fields gone at head last).</summary>
    public static IReadOnlyList<FieldChange> Compare(TaskDefinition before, TaskDefinition after)
    {
        var old = Of(before);
        var current = Of(after);
        var oldByField = old.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var currentFields = current.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var changes = new List<FieldChange>();
        foreach (var (field, value) in current)
        {
            var previous = oldByField.GetValueOrDefault(field);
            if (previous != value)
            {
                changes.Add(new FieldChange(field, previous, value));
            }
        }

        changes.AddRange(old.Where(f => !currentFields.Contains(f.Key)).Select(f => new FieldChange(f.Key, f.Value, null)));
        return changes;
    }

    /// <summary>A new task's fields that differ from the defaults, as changes from nothing.</summary>
    public static IReadOnlyList<FieldChange> Set(TaskDefinition task) =>
        [.. Of(task).Where(f => !IsDefault(f.Key, f.Value)).Select(f => new FieldChange(f.Key, null, f.Value))];
}
