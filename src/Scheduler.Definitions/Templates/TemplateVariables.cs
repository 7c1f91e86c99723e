namespace Scheduler.Definitions.Templates;

/// <summary>The variables a task's templates (arguments, script, http url and body) may use. Each run provides all of them.</summary>
public static class TemplateVariables
{
    /// <summary>Members of each root object, e.g. <c>run.slot</c>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Members { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["task"] = ["id"],
        ["run"] = ["id", "slot", "attempt", "trigger"],
    };

    /// <summary>"task.id, run.id, run.slot, run.attempt, run.trigger": for messages.</summary>
    public static string List { get; } = string.Join(", ", Members.SelectMany(root => root.Value.Select(member => $"{root.Key}.{member}")));
}
