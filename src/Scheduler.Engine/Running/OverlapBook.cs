using Scheduler.Engine.Planning;

namespace Scheduler.Engine.Running;

/// <summary>
/// The loop's count of each task's runs in this process that the overlap policy sees: claimed in the open batch
/// (no id yet), waiting for a place, or in their handler. Per task, so a burst of thousands stays linear.
/// </summary>
internal sealed class OverlapBook
{
    private readonly Dictionary<string, List<RunInWay>> _runs = new(StringComparer.Ordinal);

    public IReadOnlyList<RunInWay> Of(string taskId) => _runs.TryGetValue(taskId, out var runs) ? runs : [];

    public bool Any(string taskId) => _runs.ContainsKey(taskId);

    /// <summary>A run decided and put in the open batch: it is in the way from now on, before its claim commits.</summary>
    public void Claiming(string taskId, OwedRun run)
    {
        if (!_runs.TryGetValue(taskId, out var runs))
        {
            _runs.Add(taskId, runs = []);
        }

        runs.Add(new RunInWay(null, run.Slot, run.Attempt, run.Trigger));
    }

    /// <summary>The batch committed (<paramref name="runId"/> set) or failed, lost or skipped the run (null): it stays in the way only when claimed.</summary>
    public void Claimed(string taskId, OwedRun run, long? runId)
    {
        Remove(taskId, r => r.RunId is null && r.Slot == run.Slot && r.Attempt == run.Attempt);
        if (runId is { } id)
        {
            _runs[taskId] = _runs.TryGetValue(taskId, out var runs) ? runs : [];
            _runs[taskId].Add(new RunInWay(id, run.Slot, run.Attempt, run.Trigger));
        }
    }

    public void Ended(string taskId, long runId) => Remove(taskId, r => r.RunId == runId);

    private void Remove(string taskId, Predicate<RunInWay> match)
    {
        if (_runs.TryGetValue(taskId, out var runs))
        {
            var index = runs.FindIndex(match);
            if (index >= 0)
            {
                runs.RemoveAt(index);
            }

            if (runs.Count == 0)
            {
                _runs.Remove(taskId);
            }
        }
    }
}
