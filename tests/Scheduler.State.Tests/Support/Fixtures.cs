using Scheduler.State.Store;

namespace Scheduler.State.Tests.Support;

internal static class Fixtures
{
    public const string Revision = "rev-1";
    public const string Instance = "host-a";

    public static readonly DateTimeOffset Slot = DateTimeOffset.Parse("2026-03-01T02:30:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset At(string instant) =>
        DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    public static AppliedDefinition Definition(string taskId, string hash = "hash-1", DateTimeOffset? nextSlot = null) => new(
        TaskId: taskId,
        SourcePath: $"schedules/{taskId}.yaml",
        DefinitionYaml: "schedule:\n  cron: \"30 2 * * *\"\ncommand: [\"true\"]\n",
        DefinitionHash: hash,
        Revision: Revision,
        NextSlotUtc: nextSlot);

    public static Task AddTaskAsync(this SchedulerStore store, string taskId) =>
        store.Runs.UpsertTaskAsync(Definition(taskId), Slot.AddDays(-1), TestTimeout.Token);
}
