using System.Collections;

namespace Scheduler.Engine.Running;

/// <summary>
/// The logging scope of a run: every line written while it runs (its handler's, the notifier's) carries its run and task
/// ids, shown as <c>Scopes</c> by the JSON console formatter with <c>IncludeScopes</c>, beside the trace and span ids.
/// </summary>
internal sealed class RunScope(long runId, string taskId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("RunId", runId),
        1 => new("TaskId", taskId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"run {runId} of {taskId}";
}
