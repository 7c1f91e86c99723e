using Scheduler.Definitions.Planning;

namespace Scheduler.Definitions.Tests.Planning;

/// <summary>The plan warns when a change makes more than ten tasks fire at one instant, and suggests jitter.</summary>
public sealed class CrowdedSlotsTests
{
    private static (string, string)[] Hourly(int count, string extra = "") =>
        [.. Enumerable.Range(1, count).Select(i => ($"jobs/j{i:00}.yaml", $"schedule: {{ cron: \"0 * * * *\", timezone: Europe/Berlin }}\n{extra}shell: x\n"))];

    [Fact]
    public void Adding_the_eleventh_task_at_an_instant_warns_once_with_the_count_and_the_local_time()
    {
        var plan = PlannerTests.Compare(Hourly(10), Hourly(11));

        var warning = Assert.Single(plan.Warnings, w => w.Kind == PlanWarningKind.SameInstant);
        Assert.Equal("jobs/j11", warning.TaskId);
        Assert.Equal("same-instant", warning.KindName);
        Assert.Equal(
            "11 tasks fire at 14:00:00 Europe/Berlin (2026-11-23T13:00:00Z), and as many at 23 more instants of the next day; consider jitter: a few minutes spreads them.",
            warning.Message);
    }

    [Fact]
    public void Ten_tasks_at_an_instant_are_not_a_crowd()
    {
        Assert.DoesNotContain(PlannerTests.Compare(Hourly(9), Hourly(10)).Warnings, w => w.Kind == PlanWarningKind.SameInstant);
    }

    [Fact]
    public void A_crowd_that_the_change_does_not_touch_is_not_the_change_s_warning()
    {
        var before = Hourly(12);
        var after = before.Append(("other.yaml", "schedule: \"30 * * * *\"\nshell: x\n")).ToArray();

        Assert.DoesNotContain(PlannerTests.Compare(before, after).Warnings, w => w.Kind == PlanWarningKind.SameInstant);
    }

    [Fact]
    public void Jitter_spreads_the_crowd_and_the_warning_goes()
    {
        Assert.DoesNotContain(PlannerTests.Compare([], Hourly(12, "jitter: 30m\n")).Warnings, w => w.Kind == PlanWarningKind.SameInstant);
    }
}
