namespace Scheduler.Definitions.Notifications;

/// <summary>
/// The model a notification template reads, the same fields as the generic JSON payload (docs/notifications.md):
/// <c>{{ event }}</c>, <c>{{ task.id }}</c>, <c>{{ run.status }}</c>, <c>{{ run.outputTail }}</c> and so on.
/// </summary>
public static class NotifyVariables
{
    public static IReadOnlyList<string> TaskFields { get; } = ["id", "description"];

    public static IReadOnlyList<string> RunFields { get; } =
        ["id", "status", "exitCode", "slot", "startedAt", "finishedAt", "attempt", "trigger", "error", "outputTail"];

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Members { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["event"] = [],
        ["task"] = TaskFields,
        ["run"] = RunFields,
        ["streak"] = [],
        ["instance"] = [],
        ["url"] = [],
    };

    /// <summary>"event, task.id, …": for messages.</summary>
    public static string List { get; } = string.Join(", ", Members.SelectMany(root =>
        root.Value.Count == 0 ? [root.Key] : root.Value.Select(member => $"{root.Key}.{member}")));
}
