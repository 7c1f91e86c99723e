using Scheduler.Definitions.Runs;
using Scheduler.Web.Pictures;
using Scheduler.Web.Views;

namespace Scheduler.Web.Tests;

/// <summary>How <c>/timeline</c> draws a busy task with few elements: runs under a unit apart merged, marks as one path per kind.</summary>
public sealed class TimelineLayoutTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 22, 12, 0, 0, TimeSpan.Zero);

    private static readonly TaskRow Task = new(
        "busy", "/tasks/busy", null, "every 1m (UTC)", "Every minute", "UTC", "ok", "active", true, false, true, null, null, null, 0, null);

    [Fact]
    public void Runs_a_minute_apart_with_the_same_status_are_one_bar_linking_to_the_task_and_a_failure_among_them_stays_its_own_bar()
    {
        // 120 runs a minute apart over the last two hours, 10 s each; the 60th failed.
        var runs = Enumerable.Range(1, 120).Select(i =>
        {
            var start = Now.AddMinutes(-121 + i);
            return new RunBrief(i, "busy", i == 60 ? RunStatus.Failed : RunStatus.Succeeded, RunTrigger.Schedule, start, start, start.AddSeconds(10));
        }).ToList();

        var row = Timelines.Row(Task, null, Now.AddDays(-2), runs, Now);

        Assert.Equal(["succeeded", "failed", "succeeded"], row.Bars.Select(b => b.Status));
        Assert.Equal("/tasks/busy", row.Bars[0].Url);
        Assert.StartsWith("59 runs succeeded, #1 to #59, started ", row.Bars[0].Label, StringComparison.Ordinal);
        Assert.Equal("/runs/60", row.Bars[1].Url);
        Assert.StartsWith("60 runs succeeded, #61 to #120", row.Bars[2].Label, StringComparison.Ordinal);
        Assert.Equal("120 runs (1 not succeeded), 0 skipped, 0 missed, 0 upcoming", row.Summary);
    }

    [Fact]
    public void Skipped_slots_are_one_path_whose_title_lists_the_first_few()
    {
        var runs = Enumerable.Range(1, 8).Select(i => new RunBrief(i, "busy", RunStatus.Skipped, RunTrigger.Schedule, Now.AddHours(-i), null, null)).ToList();

        var row = Timelines.Row(Task, null, Now.AddDays(-2), runs, Now);

        var path = Assert.Single(row.Paths);
        Assert.Equal(("skipped", 8), (path.Kind, path.Count));
        Assert.Equal(8, path.D.Count(c => c == 'M'));
        Assert.Equal("8 skipped slots: 2027-03-22T04:00:00Z, 2027-03-22T05:00:00Z, 2027-03-22T06:00:00Z, 2027-03-22T07:00:00Z, 2027-03-22T08:00:00Z, …", path.Label);
    }
}
