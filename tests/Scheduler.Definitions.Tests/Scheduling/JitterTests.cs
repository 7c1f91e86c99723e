using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Scheduling;

namespace Scheduler.Definitions.Tests.Scheduling;

/// <summary><c>jitter:</c> moves every slot of a task by one offset that comes from its id alone.</summary>
public sealed class JitterTests
{
    [Fact]
    public void The_offset_comes_from_the_task_id_alone_and_is_the_same_on_every_machine()
    {
        // Pinned: replicas, restarts and a laptop running `scheduler next` must all agree on this number.
        Assert.Equal(TimeSpan.FromSeconds(OffsetOfReportsDaily), JitterOffset.For("reports/daily", TimeSpan.FromMinutes(10)));
        Assert.Equal(JitterOffset.For("reports/daily", TimeSpan.FromMinutes(10)), JitterOffset.For("reports/daily", TimeSpan.FromMinutes(10)));
    }

    private const int OffsetOfReportsDaily = 191;

    [Fact]
    public void Offsets_stay_below_the_jitter_in_whole_seconds_and_spread_nearby_ids()
    {
        var jitter = TimeSpan.FromHours(1);
        var offsets = Enumerable.Range(0, 200).Select(i => JitterOffset.For($"team/job-{i}", jitter)).ToList();

        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, jitter - TimeSpan.FromSeconds(1)));
        Assert.All(offsets, o => Assert.Equal(0, o.Ticks % TimeSpan.TicksPerSecond));
        Assert.True(offsets.Distinct().Count() > 180, "200 ids over 3,600 possible seconds should rarely share an offset");
    }

    [Fact]
    public void A_jittered_schedule_fires_at_every_written_slot_moved_by_the_offset()
    {
        var hourly = new FixedRateSchedule(TimeSpan.FromHours(1));
        var jittered = new JitteredSchedule(hourly, TimeSpan.FromMinutes(7));
        var from = new DateTimeOffset(2027, 1, 1, 10, 30, 0, TimeSpan.Zero);

        Assert.Equal(
            [new DateTimeOffset(2027, 1, 1, 11, 7, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 12, 7, 0, TimeSpan.Zero)],
            jittered.Upcoming(from, 2).Select(s => s.Utc));
        // Between a written slot and its moved instant, the next slot is the moved one, not the one an hour later.
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 11, 7, 0, TimeSpan.Zero), jittered.NextAfter(from.AddMinutes(32))!.Value.Utc);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 12, 7, 0, TimeSpan.Zero), jittered.NextAfter(new DateTimeOffset(2027, 1, 1, 11, 7, 0, TimeSpan.Zero))!.Value.Utc);
    }

    [Fact]
    public void A_task_with_jitter_has_its_slots_moved_and_says_so_in_its_description()
    {
        var result = TaskText.Read("schedule: { cron: \"0 * * * *\", timezone: Europe/Berlin }\njitter: 10m\nshell: x", "reports/daily.yaml");

        var task = Assert.IsType<Model.TaskDefinition>(result.Task);
        var offset = JitterOffset.For("reports/daily", TimeSpan.FromMinutes(10));
        // From 12:00:00Z, the 12:00 slot itself moved to 12:00 + offset is the next one.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero) + offset, task.Slots.NextAfter(TaskText.From)!.Value.Utc);
        Assert.Equal($"cron 0 * * * * (Europe/Berlin), jitter 10m (+{Scheduler.Definitions.Values.Durations.Format(offset)})", task.Schedule.Describe());
    }

    [Theory]
    [InlineData("schedule: \"*/5 * * * *\"\njitter: 6m\nshell: x", DiagnosticCodes.OutOfRange, 2, 9,
        "jitter: '6m' is longer than the schedule's shortest interval, 5m")]
    [InlineData("schedule: { weekly: { days: [mon, tue], at: \"04:00\" } }\njitter: 2d\nshell: x", DiagnosticCodes.OutOfRange, 2, 9,
        "shortest interval, 1d")]
    [InlineData("schedule: { manual: true }\njitter: 1m\nshell: x", DiagnosticCodes.InvalidValue, 2, 9,
        "a manual-only task has no slots to spread")]
    [InlineData("schedule: { every: 1h }\njitter: soon\nshell: x", DiagnosticCodes.InvalidDuration, 2, 9, "jitter")]
    public void A_jitter_that_cannot_hold_is_an_error_at_its_value(string yaml, string code, int line, int column, string message)
    {
        var diagnostic = Assert.Single(TaskText.Read(yaml).Diagnostics, d => d.IsError);

        Assert.Equal((code, line, column), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jitter_as_long_as_the_interval_is_allowed()
    {
        Assert.NotNull(TaskText.Read("schedule: { every: 15m }\njitter: 15m\nshell: x").Task);
    }
}
