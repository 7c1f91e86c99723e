using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Parsing;

/// <summary>Reads <c>priority:</c>, which only means something for the processes of <c>command</c> and <c>shell</c> tasks.</summary>
internal static class PriorityReader
{
    private static readonly Dictionary<string, TaskPriority> Choices = new(StringComparer.Ordinal)
    {
        ["normal"] = TaskPriority.Normal, ["low"] = TaskPriority.Low,
    };

    public static TaskPriority? Read(YamlNode? node, HandlerDefinition? handler, ValueReader values)
    {
        if (node is null)
        {
            return TaskPriority.Normal;
        }

        var priority = values.Choice(node, "priority", Choices);
        if (priority == TaskPriority.Low && handler is not null and not (CommandHandler or ShellHandler))
        {
            values.Diagnostics.Error(node.Start, DiagnosticCodes.InvalidValue,
                $"priority: 'low' lowers the priority of a command's or a shell's processes, but this is a {handler.Kind} task, which runs inside the scheduler.",
                "Remove priority:, or run the work as command: or shell:.");
            return null;
        }

        return priority;
    }
}
