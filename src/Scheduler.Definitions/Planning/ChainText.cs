using Scheduler.Definitions.Model;
using Scheduler.Definitions.Values;

namespace Scheduler.Definitions.Planning;

/// <summary>
/// How <c>plan</c> and <c>next</c> say when a chained task runs: "after backups/export (next backups/export slot
/// 2026-11-24T02:00:00Z)", following a chain of chains up to a task with slots of its own.
/// </summary>
public static class ChainText
{
    /// <summary>The sentence for a chained task, or null for a task with a schedule of its own. <paramref name="tasks"/> looks up the upstreams.</summary>
    public static string? Of(TaskDefinition task, Func<string, TaskDefinition?> tasks, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(tasks);
        if (task.Schedule.After is not { } chain)
        {
            return null;
        }

        var parts = chain.Upstreams.Select(id => $"{id} ({Upstream(id, tasks, now)})");
        var on = chain.On == ChainOutcome.Success ? "" : $" on {ChainDefinition.Name(chain.On)}";
        var waits = chain.Upstreams.Count > 1 ? $", waiting for {ChainDefinition.Name(chain.WaitFor)}" : "";
        return $"Runs after {string.Join(", ", parts)}{on}{waits}.";
    }

    private static string Upstream(string id, Func<string, TaskDefinition?> tasks, DateTimeOffset now)
    {
        // Up the chain to a task with slots; a depth cap guards a cycle that validation would already have refused.
        var current = tasks(id);
        var path = new List<string>();
        for (var depth = 0; current is { Schedule.After: { } chain } && depth < 20; depth++)
        {
            path.Add(current.Id);
            current = tasks(chain.Upstreams[0]);
        }

        var via = path.Count > 1 ? $" via {string.Join(" <- ", path.Skip(1))}" : "";
        return current switch
        {
            null => "not a valid task",
            { Enabled: false } => "disabled",
            _ when current.Slots.NextAfter(now) is { } slot => $"next {current.Id} slot {TimeText.Utc(slot.Utc)}{via}",
            _ => $"{current.Id} runs only when started by hand{via}",
        };
    }
}
