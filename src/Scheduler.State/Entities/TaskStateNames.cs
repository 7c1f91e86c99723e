namespace Scheduler.State.Entities;

/// <summary>The names of task states as users see them and the store keeps them: lowercase, words joined by '-'.</summary>
public static class TaskStateNames
{
    public static string Of(TaskState state) => state switch
    {
        TaskState.Active => "active",
        TaskState.InvalidRunningLastGood => "invalid-running-last-good",
        TaskState.Disabled => "disabled",
        TaskState.Retired => "retired",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown task state."),
    };

    public static TaskState Parse(string name) =>
        Enum.GetValues<TaskState>().First(s => Of(s) == name);
}
