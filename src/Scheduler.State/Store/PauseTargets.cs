using Scheduler.State.Entities;

namespace Scheduler.State.Store;

/// <summary>
/// What a pause target covers: a task id covers that task, a folder (<c>backups/</c>) every task under it (also ones
/// added later), <c>*</c> every task. The scheduler's own <c>system/</c> tasks are never paused: they keep the store healthy.
/// </summary>
public static class PauseTargets
{
    public const string Everything = "*";

    /// <summary>True when <paramref name="target"/> covers the task <paramref name="taskId"/>.</summary>
    public static bool Covers(string target, string taskId)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(taskId);
        if (taskId.StartsWith("system/", StringComparison.Ordinal))
        {
            return false;
        }

        return target == Everything
            || string.Equals(target, taskId, StringComparison.Ordinal)
            || (target.EndsWith('/') && taskId.StartsWith(target, StringComparison.Ordinal));
    }

    /// <summary>
    /// The pause in force on a task at <paramref name="now"/>, the most specific one first (the task's own, then the
    /// deepest folder, then everything); null when none covers it or each has passed its until.
    /// </summary>
    public static PauseRecord? For(IEnumerable<PauseRecord> pauses, string taskId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pauses);
        PauseRecord? best = null;
        foreach (var pause in pauses)
        {
            if (InForce(pause, now) && Covers(pause.Target, taskId) && (best is null || Rank(pause.Target) > Rank(best.Target)))
            {
                best = pause;
            }
        }

        return best;
    }

    /// <summary>A pause holds from its start until its until (exclusive), or for good without one.</summary>
    public static bool InForce(PauseRecord pause, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pause);
        return pause.UntilUtc is not { } until || now < until;
    }

    /// <summary>
    /// Why <paramref name="target"/> is not a target, or null when it is one: <c>*</c>, a task id or a folder ending in
    /// <c>/</c>, written as ids are (no leading slash, no extension), and not under <c>system/</c>.
    /// </summary>
    public static string? Problem(string? target)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return "a target is required: a task id (backups/nightly-db), a folder (backups/) or * for every task";
        }

        if (target == Everything)
        {
            return null;
        }

        if (target.StartsWith('/') || target.Contains("//", StringComparison.Ordinal) || target.Contains('\\', StringComparison.Ordinal)
            || target.Contains(' ', StringComparison.Ordinal) || target.Contains('*', StringComparison.Ordinal) || target.Length > 400)
        {
            return $"'{target}' is not a target: write a task id (backups/nightly-db), a folder with its slash (backups/) or * for every task";
        }

        return target.StartsWith("system/", StringComparison.Ordinal)
            ? $"'{target}' is one of the scheduler's own system tasks, which cannot be paused"
            : null;
    }

    private static int Rank(string target) => target == Everything ? 0 : target.EndsWith('/') ? target.Length : int.MaxValue;
}
