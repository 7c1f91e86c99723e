using Scheduler.Definitions.Planning;

namespace Scheduler.Definitions.Tests.Planning;

/// <summary>Warnings at the fixed instant 2026-11-23T12:00:00Z (a Monday).</summary>
public sealed class PlanWarningsTests
{
    [Theory]
    [InlineData("schedule: \"* * * * * *\"", "FiresOften FiresSoon")]
    [InlineData("schedule: { every: 59s }", "FiresOften FiresSoon")]
    [InlineData("schedule: { every: 1m }", "FiresSoon")]
    [InlineData("schedule: \"0,30 * 9 * * *\"", "FiresOften")] // twice a minute, but only from 09:00 tomorrow
    [InlineData("schedule: \"*/5 * * * *\"\ncatch-up: all", "CatchUpBacklog FiresSoon")]
    [InlineData("schedule: \"*/5 * * * *\"\ncatch-up: latest", "FiresSoon")]
    [InlineData("schedule: \"0 * * * *\"\ncatch-up: all", "FiresSoon")] // 24 a day: no backlog worth a warning
    [InlineData("schedule: \"*/15 * * * *\"\ncatch-up: all", "FiresSoon")] // 96 a day: just under the threshold
    [InlineData("schedule: \"*/14 * * * *\"\ncatch-up: all", "CatchUpBacklog FiresSoon")] // 120 a day
    [InlineData("schedule: \"45 12 * * *\"", "FiresSoon")]
    [InlineData("schedule: \"0 13 * * *\"", "FiresSoon")] // exactly an hour away still counts
    [InlineData("schedule: \"1 13 * * *\"", "")]
    [InlineData("schedule: { daily: \"13:30\", timezone: Europe/Berlin }", "FiresSoon")] // 12:30Z
    [InlineData("schedule: { manual: true }", "")]
    public void Each_rule_fires_on_the_schedules_it_is_about(string schedule, string expected)
    {
        var plan = PlannerTests.Compare([], [("t.yaml", $"{schedule}\nshell: x\n")]);

        Assert.Equal(expected, string.Join(' ', plan.Warnings.Select(w => w.Kind)));
    }

    [Fact]
    public void Messages_say_how_often_how_many_and_when()
    {
        var plan = PlannerTests.Compare([], [("t.yaml", "schedule: { every: 20s, timezone: Europe/Berlin }\ncatch-up: all\nmax-catch-up: 500\nshell: x\n")]);

        Assert.Equal(
            [
                "fires as often as every 20s, more than once a minute: is that meant? Each slot is a run recorded in the history.",
                "catch-up: all with more than 1440 slots a day: after downtime it runs up to 500 missed slots back to back. Consider catch-up: latest, or a lower max-catch-up.",
                "fires within the hour after merge: next at 2026-11-23T12:00:20Z (13:00:20 +01:00 Europe/Berlin), 20s from now.",
            ],
            plan.Warnings.Select(w => w.Message));
        Assert.Equal(["fires-often", "catch-up-backlog", "fires-soon"], plan.Warnings.Select(w => w.KindName));
    }

    [Fact]
    public void A_changed_task_is_checked_too_but_an_unchanged_one_is_not()
    {
        const string Often = "schedule: { every: 10s }\nshell: x\n";
        var plan = PlannerTests.Compare(
            [("same.yaml", Often), ("edited.yaml", Often)],
            [("same.yaml", Often), ("edited.yaml", Often.Replace("x", "y", StringComparison.Ordinal))]);

        Assert.Equal(["edited", "edited"], plan.Warnings.Select(w => w.TaskId));
    }
}
