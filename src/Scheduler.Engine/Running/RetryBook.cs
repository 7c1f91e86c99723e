using Microsoft.Extensions.Logging;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;
using Scheduler.State.Store;

namespace Scheduler.Engine.Running;

/// <summary>The loop's retries waiting for their backoff, and the failed runs of a previous life whose retries are still owed.</summary>
internal sealed class RetryBook(ILogger logger)
{
    private readonly PriorityQueue<RetryItem, DateTimeOffset> _due = new();
    private readonly List<RunRecord> _unmatched = [];

    public bool TryPeek(out DateTimeOffset due) => _due.TryPeek(out _, out due);

    public bool TryTakeDue(DateTimeOffset now, out RetryItem retry)
    {
        if (_due.TryPeek(out retry!, out var due) && due <= now)
        {
            _due.Dequeue();
            return true;
        }

        return false;
    }

    /// <summary>Failed runs of the last week found at start-up; matched to their tasks as those are applied.</summary>
    public void Remember(IEnumerable<RunRecord> failed) => _unmatched.AddRange(failed);

    public void Match(ScheduledTask task)
    {
        foreach (var failed in _unmatched.Where(r => r.TaskId == task.Id).ToList())
        {
            _unmatched.Remove(failed);
            if (failed.FinishedAt is { } finishedAt)
            {
                ScheduleIfOwed(task, failed.SlotUtc, failed.Attempt, failed.Status, finishedAt, RunParameters.FromJson(failed.Parameters));
            }
        }
    }

    public void ScheduleIfOwed(
        ScheduledTask task, DateTimeOffset slot, int attempt, RunStatus status, DateTimeOffset finishedAt, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var retry = task.Definition.Retry;
        if (status is not (RunStatus.Failed or RunStatus.TimedOut) || attempt > retry.Attempts)
        {
            return;
        }

        var delay = retry.DelayBefore(attempt);
        _due.Enqueue(new RetryItem(task.Id, slot, attempt + 1, parameters), finishedAt + delay);
        EngineLog.RetryScheduled(logger, task.Id, slot, attempt + 1, delay);
    }
}
