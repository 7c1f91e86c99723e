using Scheduler.Engine.Planning;

namespace Scheduler.Engine.Running;

/// <summary>
/// The loop's count of each task's runs in this process that the overlap policy sees: claimed in the open batch
/// (no id yet), waiting for a place, or in their handler. Per task, so a burst of thousands stays linear.
/// </summary>
internal sealed class OverlapBook
{
    // A task's list is kept when it empties: a task due every second would otherwise get a new one for each run.
    private readonly Dictionary<string, List<RunInWay>> _runs = new(StringComparer.Ordinal);

    public IReadOnlyList<RunInWay> Of(string taskId) => _runs.TryGetValue(taskId, out var runs) ? runs : [];

    public bool Any(string taskId) => _runs.TryGetValue(taskId, out var runs) && runs.Count > 0;

    /// <summary>A run decided and put in the open batch: it is in the way from now on, before its claim commits.</summary>
    public void Claiming(string taskId, OwedRun run) => RunsOf(taskId).Add(new RunInWay(null, run.Slot, run.Attempt, run.Trigger));

    /// <summary>The batch committed (<paramref name="runId"/> set) or failed, lost or skipped the run (null): it stays in the way only when claimed.</summary>
    public void Claimed(string taskId, OwedRun run, long? runId)
    {
        var runs = RunsOf(taskId);
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            if (r.RunId is null && r.Slot == run.Slot && r.Attempt == run.Attempt)
            {
                runs.RemoveAt(i);
                break;
            }
        }

        if (runId is { } id)
        {
            runs.Add(new RunInWay(id, run.Slot, run.Attempt, run.Trigger));
        }
    }

    public void Ended(string taskId, long runId)
    {
        if (_runs.TryGetValue(taskId, out var runs))
        {
            for (var i = 0; i < runs.Count; i++)
            {
                if (runs[i].RunId == runId)
                {
                    runs.RemoveAt(i);
                    return;
                }
            }
        }
    }

    private List<RunInWay> RunsOf(string taskId)
    {
        if (!_runs.TryGetValue(taskId, out var runs))
        {
            _runs.Add(taskId, runs = []);
        }

        return runs;
    }
}
