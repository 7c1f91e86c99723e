using Scheduler.Cli;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;

namespace Scheduler.Remote;

/// <summary>
/// What <c>status --server</c> and <c>runs --server</c> read, as the store's records, so both print exactly as they do
/// from the store. Fields the API does not carry (a task's source file and revision) are null.
/// </summary>
internal static class RemoteReads
{
    /// <summary>The most runs <c>GET /api/tasks/{id}/runs</c> gives in one answer; more are paged with <c>before</c>.</summary>
    private const int PageSize = 500;

    public static async Task<IReadOnlyList<TaskRecord>> TasksAsync(ServerClient server, CancellationToken cancellationToken) =>
        [.. (await server.ListTasksAsync(cancellationToken)).Select(ToRecord)];

    /// <summary>The tasks, and the pause over each paused one (as the store's pause record, its target the task).</summary>
    public static async Task<(IReadOnlyList<TaskRecord> Tasks, IReadOnlyDictionary<string, PauseRecord> Paused)> TasksAndPausesAsync(
        ServerClient server, CancellationToken cancellationToken)
    {
        var tasks = await server.ListTasksAsync(cancellationToken);
        var paused = tasks.Where(t => t.Paused is not null).ToDictionary(
            t => t.Id,
            t => new PauseRecord { Target = t.Id, By = t.Paused!.By, Reason = t.Paused.Reason, SinceUtc = t.Paused.Since, UntilUtc = t.Paused.Until },
            StringComparer.Ordinal);
        return ([.. tasks.Select(ToRecord)], paused);
    }

    /// <summary>The newest <paramref name="count"/> runs of one task, or of every task when <paramref name="taskId"/> is null.</summary>
    public static async Task<IReadOnlyList<RunRecord>> RunsAsync(ServerClient server, string? taskId, int count, CancellationToken cancellationToken)
    {
        // The API lists runs per task; all runs are the newest of each task merged (run ids grow with time).
        var taskIds = taskId is null ? (await server.ListTasksAsync(cancellationToken)).Select(t => t.Id).ToArray() : [taskId];
        var runs = new List<RemoteRun>();
        foreach (var id in taskIds)
        {
            runs.AddRange(await TaskRunsAsync(server, id, count, cancellationToken));
        }

        return [.. runs.OrderByDescending(r => r.Id).Take(count).Select(ToRecord)];
    }

    private static async Task<List<RemoteRun>> TaskRunsAsync(ServerClient server, string taskId, int count, CancellationToken cancellationToken)
    {
        var runs = new List<RemoteRun>();
        long? before = null;
        while (runs.Count < count)
        {
            var asked = Math.Min(PageSize, count - runs.Count);
            var page = await server.ListRunsAsync(taskId, asked, before, cancellationToken);
            runs.AddRange(page);
            if (page.Length < asked)
            {
                break;
            }

            before = page[^1].Id;
        }

        return runs;
    }

    private static TaskRecord ToRecord(RemoteTask task) => new()
    {
        Id = task.Id,
        SourcePath = null!, // not in the API: printed as null, as the JSON of a field the server does not say
        DefinitionYaml = "",
        DefinitionHash = "",
        Revision = null!,
        State = Known(task.State, TaskStateNames.Parse, "task state"),
        ConfigError = task.ConfigError,
        NextSlotUtc = task.NextRunAt,
        LastRunId = task.LastRun?.Id,
        LastRunStatus = task.LastRun is { } last ? Known(last.Status, RunNames.ParseStatus, "run status") : null,
        LastRunStartedAt = task.LastRun?.StartedAt,
        LastRunFinishedAt = task.LastRun?.FinishedAt,
        FailureStreak = task.FailureStreak,
    };

    public static RunRecord ToRecord(RemoteRun run) => new()
    {
        Id = run.Id,
        TaskId = run.Task,
        Trigger = Known(run.Trigger, RunNames.ParseTrigger, "run trigger"),
        SlotUtc = run.Slot,
        Attempt = run.Attempt,
        Status = Known(run.Status, RunNames.ParseStatus, "run status"),
        StartedAt = run.StartedAt,
        FinishedAt = run.FinishedAt,
        ExitCode = run.ExitCode,
        Error = run.Error,
        Revision = run.Revision ?? "",
        Instance = run.Instance ?? "",
        OutputBytes = run.OutputBytes,
        PassedToUtc = run.Passed?.To,
        PassedCount = run.Passed?.Count,
    };

    private static T Known<T>(string name, Func<string, T> parse, string what)
    {
        try
        {
            return parse(name);
        }
        catch (InvalidOperationException)
        {
            throw new CommandFailedException($"the server reports a {what} '{name}' this scheduler does not know; use a scheduler command line of the server's version.");
        }
    }
}
