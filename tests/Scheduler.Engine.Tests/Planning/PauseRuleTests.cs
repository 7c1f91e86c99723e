using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Planning;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Planning;

/// <summary>
/// The pause step of the dispatch decision as a table: the pause (since, until), the owed run, what is in the way, the
/// instant of the decision, and the verdict. Every pause is by <c>ana</c> for <c>db migration</c>, since 2026-11-23T09:00Z.
/// </summary>
public sealed class PauseRuleTests
{
    private const string Skipped = "skip:paused by ana: db migration";

    [Theory]
    // While the pause holds, what the schedule owes is skipped with the pinned reason, whatever else stands around it.
    [InlineData("", "12:00:schedule", "", "12:00", Skipped)]
    [InlineData("", "10:00:catch-up", "", "12:00", Skipped)]
    [InlineData("", "11:00:retry", "", "12:00", Skipped)]
    [InlineData("", "12:00:schedule", "11:00:schedule", "12:00", Skipped)]
    [InlineData("13:00", "12:59:schedule", "", "12:59", Skipped)]
    // A manual run goes on (a person asked for it), and so does the scheduler's own maintenance.
    [InlineData("", "12:00:manual", "", "12:00", "claim")]
    [InlineData("", "12:00:system", "", "12:00", "claim")]
    // Under forbid, a manual run of a paused task still meets the overlap rule.
    [InlineData("", "12:00:manual", "11:00:schedule", "12:00", "refuse")]
    // The until is exclusive: at it, and after it, the pause is over and the slot claims.
    [InlineData("13:00", "13:00:schedule", "", "13:00", "claim")]
    [InlineData("13:00", "14:00:schedule", "", "14:00", "claim")]
    // A pause that has not begun yet (a replica's clock behind the one that paused) does not hold.
    [InlineData("", "08:59:schedule", "", "08:59", "claim")]
    public void The_pause_step_follows_the_table(string until, string run, string runningHere, string now, string expected)
    {
        var pause = new PauseWindow("ana", "db migration", At("2026-11-23T09:00:00Z"), until.Length == 0 ? null : Instant(until));
        var here = runningHere.Length == 0 ? [] : new List<RunInWay> { RunInWay(runningHere) };
        var verdict = DispatchDecision.Decide(new DispatchInput(OverlapPolicy.Forbid, Owed(run), here, [], [])
        {
            Pause = pause,
            Now = Instant(now),
        });

        Assert.Equal(expected, verdict.Action switch
        {
            DispatchAction.Skip => $"skip:{verdict.Reason}",
            var action => action.ToString().ToLowerInvariant(),
        });
    }

    [Fact]
    public void Without_a_pause_the_decision_is_the_overlap_rule_alone()
    {
        var verdict = DispatchDecision.Decide(new DispatchInput(OverlapPolicy.Forbid, Owed("12:00:schedule"), [], [], []) { Now = Instant("12:00") });

        Assert.Equal(DispatchAction.Claim, verdict.Action);
    }

    [Fact]
    public void A_person_who_starts_a_paused_task_by_hand_is_told_it_is_paused_and_until_when()
    {
        var pause = new PauseWindow("ana", "db migration", At("2026-11-23T09:00:00Z"), At("2026-11-23T13:00:00Z"));

        Assert.Equal(
            "the task is paused (by ana: db migration, until 2026-11-23T13:00:00Z); this run was started by hand anyway",
            PauseRule.Notice(pause, Instant("12:00")));
        Assert.Null(PauseRule.Notice(pause, Instant("13:00")));
        Assert.Null(PauseRule.Notice(null, Instant("12:00")));
    }

    private static DateTimeOffset Instant(string hhmm) => At($"2026-11-23T{hhmm}:00Z");

    private static OwedRun Owed(string text)
    {
        var parts = text.Split(':');
        var trigger = RunNames.ParseTrigger(parts[2]);
        return new OwedRun(Instant($"{parts[0]}:{parts[1]}"), trigger, trigger == RunTrigger.Retry ? 2 : 1);
    }

    private static RunInWay RunInWay(string text)
    {
        var owed = Owed(text);
        return new RunInWay(7, owed.Slot, owed.Attempt, owed.Trigger, null);
    }
}
