namespace Scheduler.Engine.Handlers;

/// <summary>The environment variables a <c>command</c> or <c>shell</c> run gets on top of the scheduler's own.</summary>
public static class RunEnvironment
{
    public const string TaskId = "SCHEDULER_TASK_ID";
    public const string RunId = "SCHEDULER_RUN_ID";
    public const string Slot = "SCHEDULER_SLOT";
    public const string Attempt = "SCHEDULER_ATTEMPT";
    public const string Trigger = "SCHEDULER_TRIGGER";

    /// <summary>The task's <c>env</c>, then the <c>SCHEDULER_*</c> variables of this run.</summary>
    public static IReadOnlyDictionary<string, string> For(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var variables = new Dictionary<string, string>(context.Task.Environment, StringComparer.Ordinal)
        {
            // Set last so they always describe the run: validation already refuses SCHEDULER_ names in env.
            [TaskId] = context.Task.Id,
            [RunId] = RunValues.Id(context.RunId),
            [Slot] = RunValues.Slot(context.Slot),
            [Attempt] = RunValues.Attempt(context.Attempt),
            [Trigger] = RunValues.Trigger(context.Trigger),
        };
        return variables;
    }
}
