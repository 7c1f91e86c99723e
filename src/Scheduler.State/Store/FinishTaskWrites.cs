using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

/// <summary>
/// What an end batch writes to one task row, gathered from its ends in their order: the streak rule
/// (<see cref="FailureStreak"/>) applied end after end comes to "reset or keep, then add so many", and of the summary
/// only the newest end can matter (the task's last run is its newest claimed one, never older than a run that ended).
/// </summary>
internal sealed class FinishTaskWrites
{
    private FinishTaskWrites(string taskId) => TaskId = taskId;

    public string TaskId { get; }

    /// <summary>True when a success in the batch reset the streak (then <see cref="StreakAdded"/> counts the failures after it).</summary>
    public bool ResetsStreak { get; private set; }

    public int StreakAdded { get; private set; }

    public long LastRunId { get; private set; } = long.MinValue;

    public string LastStatus { get; private set; } = "";

    public long LastFinished { get; private set; }

    /// <summary>The writes per task of the ends that went through (<paramref name="taskIds"/> not null), in the order of the tasks' ids.</summary>
    public static List<FinishTaskWrites> Of(IReadOnlyList<RunFinish> finishes, string?[] taskIds)
    {
        var byTask = new Dictionary<string, FinishTaskWrites>(StringComparer.Ordinal);
        for (var i = 0; i < finishes.Count; i++)
        {
            if (taskIds[i] is not { } taskId)
            {
                continue;
            }

            if (!byTask.TryGetValue(taskId, out var write))
            {
                byTask.Add(taskId, write = new FinishTaskWrites(taskId));
            }

            var finish = finishes[i];
            switch (FailureStreak.Change(finish.Status))
            {
                case 1:
                    write.StreakAdded++;
                    break;
                case 0:
                    (write.ResetsStreak, write.StreakAdded) = (true, 0);
                    break;
            }

            if (finish.RunId > write.LastRunId)
            {
                (write.LastRunId, write.LastStatus, write.LastFinished) = (finish.RunId, RunNames.Of(finish.Status), finish.FinishedAt.ToUnixTimeMilliseconds());
            }
        }

        var writes = byTask.Values.ToList();
        writes.Sort((a, b) => string.CompareOrdinal(a.TaskId, b.TaskId));
        return writes;
    }
}
