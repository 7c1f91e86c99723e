using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Planning;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Planning;

/// <summary>
/// The overlap, catch-up-order and concurrency rules as one table. Each row: the policy, the owed run, what runs here
/// and elsewhere, what is queued ahead, and the verdict. A new rule is a new column and new rows.
/// </summary>
public sealed class DispatchDecisionTests
{
    // Runs in the way, written compactly: "here:12:00:schedule", "here:11:00:catch-up", "elsewhere:12:00:schedule".
    // Queued runs: "11:00:catch-up", "12:00:schedule". Slots are on 2026-11-23; every run in the way has id 7.
    [Theory]
    // Nothing in the way: every policy claims.
    [InlineData("forbid", "12:00:schedule", "", "", "claim")]
    [InlineData("allow", "12:00:schedule", "", "", "claim")]
    [InlineData("replace", "12:00:schedule", "", "", "claim")]
    [InlineData("forbid", "12:00:manual", "", "", "claim")]
    // allow never looks.
    [InlineData("allow", "12:00:schedule", "here:11:00:schedule,elsewhere:11:00:schedule", "11:00:catch-up", "claim")]
    // forbid: an on-time slot meeting an ordinary run is skipped with the reason, here or on another replica.
    [InlineData("forbid", "12:00:schedule", "here:11:00:schedule", "", "skip:run #7 (slot 2026-11-23T11:00:00Z, attempt 1) is still running (overlap: forbid)")]
    [InlineData("forbid", "12:00:schedule", "elsewhere:11:00:schedule", "", "skip:run #7 (instance 'b') is still running (overlap: forbid)")]
    [InlineData("forbid", "12:00:schedule", "here:11:00:retry", "", "skip:run #7 (slot 2026-11-23T11:00:00Z, attempt 2) is still running (overlap: forbid)")]
    // forbid: owed runs wait, oldest first, behind the active run and whatever is queued.
    [InlineData("forbid", "10:00:catch-up", "here:09:00:catch-up", "", "queue")]
    [InlineData("forbid", "10:00:catch-up", "", "09:00:catch-up", "queue")]
    [InlineData("forbid", "10:00:retry", "here:11:00:schedule", "", "queue")]
    [InlineData("forbid", "10:00:system", "here:09:00:system", "", "queue")]
    [InlineData("forbid", "10:00:catch-up", "elsewhere:09:00:schedule", "", "queue")]
    // forbid: the on-time slot waits behind a catch-up backlog instead of being skipped by it...
    [InlineData("forbid", "12:00:schedule", "here:10:00:catch-up", "11:00:catch-up", "queue")]
    [InlineData("forbid", "12:00:schedule", "here:11:00:catch-up", "", "queue")]
    [InlineData("forbid", "12:00:schedule", "", "11:00:catch-up", "queue")]
    // ...but only one waits: the next on-time slot is skipped, naming the one that waits.
    [InlineData("forbid", "12:01:schedule", "here:10:00:catch-up", "11:00:catch-up,12:00:schedule", "skip:the slot 2026-11-23T12:00:00Z is already waiting for the task's catch-up runs to end (overlap: forbid)")]
    // The head of the backlog (nothing queued ahead of it) claims as soon as nothing runs.
    [InlineData("forbid", "11:00:catch-up", "", "", "claim")]
    // forbid: a manual run is refused, nothing recorded.
    [InlineData("forbid", "12:00:manual", "here:11:00:schedule", "", "refuse:run #7 (slot 2026-11-23T11:00:00Z, attempt 1) is still running (overlap: forbid)")]
    [InlineData("forbid", "12:00:manual", "elsewhere:11:00:schedule", "", "refuse:run #7 (instance 'b') is still running (overlap: forbid)")]
    // replace: every run in the way is stopped, here and elsewhere, then the new one claims.
    [InlineData("replace", "12:00:schedule", "here:11:00:schedule", "", "replace:7")]
    [InlineData("replace", "12:00:manual", "here:11:00:schedule,elsewhere:11:30:schedule", "", "replace:7,7")]
    [InlineData("replace", "12:00:catch-up", "elsewhere:11:00:schedule", "", "replace:7")]
    public void The_decision_follows_the_table(string overlap, string run, string inWay, string queued, string expected)
    {
        var here = new List<RunInWay>();
        var elsewhere = new List<RunInWay>();
        foreach (var item in Split(inWay))
        {
            var where = item[..item.IndexOf(':', StringComparison.Ordinal)];
            var owed = Owed(item[(where.Length + 1)..]);
            (where == "here" ? here : elsewhere).Add(new RunInWay(7, owed.Slot, owed.Attempt, owed.Trigger, where == "here" ? null : "b"));
        }

        var verdict = DispatchDecision.Decide(new DispatchInput(
            Enum.Parse<OverlapPolicy>(overlap, ignoreCase: true), Owed(run), here, elsewhere, [.. Split(queued).Select(Owed)]));

        Assert.Equal(expected, Describe(verdict));
    }

    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(1, 1, false)]
    [InlineData(15, 16, true)]
    [InlineData(16, 16, false)]
    public void A_claimed_run_starts_only_while_a_place_under_the_cap_is_free(int executing, int cap, bool starts) =>
        Assert.Equal(starts, DispatchDecision.HasFreePlace(executing, cap));

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static OwedRun Owed(string text)
    {
        var parts = text.Split(':');
        var trigger = RunNames.ParseTrigger(parts[2]);
        return new OwedRun(At($"2026-11-23T{parts[0]}:{parts[1]}:00Z"), trigger, trigger == RunTrigger.Retry ? 2 : 1);
    }

    private static string Describe(DispatchVerdict verdict) => verdict.Action switch
    {
        DispatchAction.Claim => "claim",
        DispatchAction.Queue => "queue",
        DispatchAction.Skip => $"skip:{verdict.Reason}",
        DispatchAction.Refuse => $"refuse:{verdict.Reason}",
        _ => $"replace:{string.Join(",", verdict.Replaces.Select(r => r.RunId))}",
    };
}
