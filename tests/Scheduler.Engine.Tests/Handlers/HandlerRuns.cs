using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Scheduling;
using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Tests.Handlers;

/// <summary>Tasks and run contexts for handler tests, built directly so timeouts can be shorter than a task file allows.</summary>
internal static class HandlerRuns
{
    public static readonly DateTimeOffset Slot = new(2026, 10, 25, 0, 30, 0, TimeSpan.Zero);

    public static TaskDefinition Task(
        HandlerDefinition handler,
        TimeSpan? timeout = null,
        TimeSpan? killGrace = null,
        IReadOnlyDictionary<string, string>? env = null,
        string? workingDirectory = null,
        string id = "backups/nightly-db",
        IReadOnlyDictionary<string, TaskValue>? references = null) =>
        new(
            id,
            $"schedules/{id}.yaml",
            Description: null,
            Enabled: true,
            new ScheduleDefinition(ScheduleKind.Manual, "manual", null, "UTC", ManualSchedule.Instance),
            CatchUpPolicy.Latest,
            TaskDefinition.DefaultMaxCatchUp,
            StartingDeadline: null,
            OverlapPolicy.Forbid,
            timeout ?? TimeSpan.FromSeconds(20),
            killGrace ?? TimeSpan.FromMilliseconds(500),
            RetryPolicy.None,
            (env ?? new Dictionary<string, string>()).ToDictionary(e => e.Key, e => TaskValue.Literal(e.Value))
                .Concat(references ?? new Dictionary<string, TaskValue>()).ToDictionary(),
            workingDirectory,
            handler);

    public static RunContext Context(TaskDefinition task, TimeProvider? time = null, DateTimeOffset? slot = null, int attempt = 1, RunTrigger trigger = RunTrigger.Schedule, long runId = 42) =>
        new(task, runId, slot ?? Slot, attempt, trigger, new OutputTail(), time ?? TimeProvider.System);
}
