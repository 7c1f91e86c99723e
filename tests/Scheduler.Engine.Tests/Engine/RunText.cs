using System.Globalization;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>Runs and tasks as one line each, for the messages of a failed wait.</summary>
internal static class RunText
{
    public static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", CultureInfo.InvariantCulture);

    public static string Describe(IEnumerable<RunRecord> runs) => string.Join("\n", runs.Select(r =>
        $"#{r.Id} {r.TaskId} slot {Format(r.SlotUtc)} attempt {r.Attempt} {RunNames.Of(r.Trigger)} {RunNames.Of(r.Status)} by {r.Instance}" +
        $" started {(r.StartedAt is { } s ? Format(s) : "-")} error {r.Error ?? "-"}")) is { Length: > 0 } text ? text : "(no runs)";

    public static string DescribeTask(TaskRecord t) =>
        $"{t.Id} {TaskStateNames.Of(t.State)} streak {t.FailureStreak} last slot {(t.LastSlotUtc is { } l ? Format(l) : "-")} error {t.ConfigError ?? "-"}";
}
