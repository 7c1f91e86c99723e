using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Planning;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Planning;

/// <summary>
/// The chain rows of the dispatch decision's table: a chained run (trigger <c>after</c>) against the overlap policies.
/// Written as <see cref="DispatchDecisionTests"/> rows are; kept in their own file so other rules' rows merge cleanly.
/// </summary>
public sealed class ChainRuleTests
{
    [Theory]
    // Nothing in the way: a chained run is claimed under every policy.
    [InlineData("forbid", "12:00:after", "", "", "claim")]
    [InlineData("allow", "12:00:after", "", "", "claim")]
    [InlineData("replace", "12:00:after", "", "", "claim")]
    // forbid: the task runs (here or on another replica): the chained run is recorded skipped with the reason, as an on-time slot is.
    [InlineData("forbid", "12:00:after", "here:11:00:schedule", "", "skip:run #7 (slot 2026-11-23T11:00:00Z, attempt 1) is still running (overlap: forbid)")]
    [InlineData("forbid", "12:00:after", "here:11:59:after", "", "skip:run #7 (slot 2026-11-23T11:59:00Z, attempt 1) is still running (overlap: forbid)")]
    [InlineData("forbid", "12:00:after", "elsewhere:11:00:after", "", "skip:run #7 (instance 'b') is still running (overlap: forbid)")]
    // forbid: only the task's catch-up backlog waits: the chained run waits behind it.
    [InlineData("forbid", "12:00:after", "", "11:00:catch-up", "queue")]
    // allow runs it beside; replace stops what is in the way.
    [InlineData("allow", "12:00:after", "here:11:59:after", "", "claim")]
    [InlineData("replace", "12:00:after", "here:11:59:after,elsewhere:11:58:schedule", "", "replace:7,7")]
    public void A_chained_run_follows_the_overlap_policy_as_any_run(string overlap, string run, string inWay, string queued, string expected)
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

        Assert.Equal(expected, verdict.Action switch
        {
            DispatchAction.Claim => "claim",
            DispatchAction.Queue => "queue",
            DispatchAction.Skip => $"skip:{verdict.Reason}",
            DispatchAction.Refuse => $"refuse:{verdict.Reason}",
            _ => $"replace:{string.Join(",", verdict.Replaces.Select(r => r.RunId))}",
        });
    }

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static OwedRun Owed(string text)
    {
        var parts = text.Split(':');
        return new OwedRun(At($"2026-11-23T{parts[0]}:{parts[1]}:00Z"), RunNames.ParseTrigger(parts[2]));
    }
}
