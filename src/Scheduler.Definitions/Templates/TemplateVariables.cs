namespace Scheduler.Definitions.Templates;

/// <summary>The variables a task's templates (arguments, script, http url and body) may use. Each run provides all of them.</summary>
public static class TemplateVariables
{
    /// <summary>Members of each root object, e.g. <c>run.slot</c>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Members { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["task"] = ["id"],
        ["run"] = ["id", "slot", "attempt", "trigger"],

        // The upstream run that started a chained run; empty text for any other run.
        ["upstream"] = ["task_id", "run_id", "status", "exit_code"],
    };

    /// <summary>"task.id, run.id, run.slot, run.attempt, run.trigger": for messages.</summary>
    public static string List { get; } = ListOf(Members);

    /// <summary>The variables of a task that declares the parameters <paramref name="parameters"/>: <see cref="Members"/> and <c>params.NAME</c>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> WithParameters(IReadOnlyCollection<string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        // params is there even when none are declared, so a read of one says "declare it" rather than "no such variable".
        return new Dictionary<string, IReadOnlyList<string>>(Members, StringComparer.Ordinal) { ["params"] = [.. parameters] };
    }

    /// <summary>The variables of <paramref name="variables"/> as a list for messages.</summary>
    public static string ListOf(IReadOnlyDictionary<string, IReadOnlyList<string>> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return string.Join(", ", variables.SelectMany(root => root.Value.Select(member => $"{root.Key}.{member}")));
    }
}
