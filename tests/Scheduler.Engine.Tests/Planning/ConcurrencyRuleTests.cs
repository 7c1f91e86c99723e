using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Planning;
using Scheduler.State.Store;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Planning;

/// <summary>
/// The concurrency group rule as tables. The admission: the group <c>db</c>'s limit, how many of its runs are running
/// on every replica, its queued runs in slot order (<c>id:task:HH:MM[:trigger]</c>, all on 2026-11-23), the instant, and
/// what starts (<c>+id</c>) or is skipped (<c>-id</c>). Task <c>a</c> has <c>starting-deadline: 10m</c>, <c>b</c> none,
/// and <c>x</c> is not applied in this process. The dispatch step: the verdict, the group as read this tick, the result.
/// </summary>
public sealed class ConcurrencyRuleTests
{
    [Theory]
    // Places free: the oldest queued runs start, in slot order, up to the limit.
    [InlineData(1, 0, "1:a:12:00 2:b:12:00", "12:00", "+1")]
    [InlineData(2, 0, "1:a:12:00 2:b:12:00 3:b:12:01", "12:01", "+1 +2")]
    [InlineData(3, 1, "1:b:11:00 2:b:12:00 3:b:12:01", "12:05", "+1 +2")]
    // The group is full: nothing starts, whatever waits.
    [InlineData(1, 1, "1:a:12:00 2:b:12:00", "12:05", "")]
    // A limit lowered below what runs: nothing starts until the running fall under it.
    [InlineData(1, 3, "1:b:12:00", "12:05", "")]
    // The starting deadline passes while it waits: skipped, even when a place is free, and the next in line starts.
    [InlineData(1, 0, "1:a:12:00 2:b:12:01", "12:10:01", "-1 +2")]
    [InlineData(1, 1, "1:a:12:00 2:a:12:05", "12:11", "-1")]
    // At the deadline itself it may still start (the deadline is the last instant allowed).
    [InlineData(1, 0, "1:a:12:00", "12:10", "+1")]
    // A task without a deadline waits for as long as it takes.
    [InlineData(1, 1, "1:b:01:00", "23:00", "")]
    [InlineData(1, 0, "1:b:01:00", "23:00", "+1")]
    // A retry's slot is its first attempt's: the deadline does not skip it.
    [InlineData(1, 0, "1:a:09:00:retry", "12:00", "+1")]
    // A task not applied here takes no place and blocks nobody: a replica that knows it starts it.
    [InlineData(1, 0, "1:x:11:00 2:b:12:00", "12:00", "+2")]
    // Several skipped and one started in one look; slot order is the store's (earlier slots first).
    [InlineData(2, 1, "1:a:11:00 2:a:11:30 3:b:11:45 4:b:11:50", "12:00", "-1 -2 +3")]
    public void The_admission_follows_the_table(int limit, int running, string queued, string now, string expected)
    {
        var snapshot = new GroupSnapshot("db", running, [.. queued.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Queued)]);
        var members = new Dictionary<string, GroupMember> { ["a"] = new(TimeSpan.FromMinutes(10)), ["b"] = new(null) };

        var moves = ConcurrencyRule.Admit(snapshot, limit, id => members.GetValueOrDefault(id), Instant(now));

        Assert.Equal(expected, string.Join(' ', moves.Select(m => $"{(m.Starts ? '+' : '-')}{m.RunId}")));
    }

    [Fact]
    public void A_skip_past_the_deadline_says_which_group_its_limit_and_the_deadline()
    {
        var snapshot = new GroupSnapshot("db", 1, [Queued("7:a:12:00")]);

        var move = Assert.Single(ConcurrencyRule.Admit(snapshot, 1, _ => new GroupMember(TimeSpan.FromMinutes(10)), Instant("12:30")));

        Assert.Equal("no place in group db (limit 1) before the starting deadline (10m after 2026-11-23T12:00:00Z) passed", move.SkipReason);
    }

    [Theory]
    // A claim of a group with a free place (as read this tick) starts at once; of a full one it waits, saying for what.
    [InlineData("claim", 2, 1, 0, "claim")]
    [InlineData("claim", 2, 2, 0, "claim:waiting for a place in group db (limit 2)")]
    [InlineData("claim", 2, 1, 1, "claim:waiting for a place in group db (limit 2)")]
    [InlineData("replace", 1, 1, 0, "replace:waiting for a place in group db (limit 1)")]
    // What is not a claim is not the group's business.
    [InlineData("skip", 1, 5, 5, "skip")]
    [InlineData("queue", 1, 5, 5, "queue")]
    [InlineData("refuse", 1, 5, 5, "refuse")]
    public void The_dispatch_step_follows_the_table(string verdict, int limit, int running, int waiting, string expected)
    {
        var before = new DispatchVerdict(Enum.Parse<DispatchAction>(verdict, ignoreCase: true));

        var after = ConcurrencyRule.Decide(new GroupPlace("db", limit, running, waiting), before);

        Assert.Equal(expected, after.WaitsFor is { } w ? $"{verdict}:{w}" : after.Action.ToString().ToLowerInvariant());
    }

    [Fact]
    public void Under_forbid_a_slot_that_comes_while_the_tasks_run_waits_in_its_group_is_skipped_saying_so()
    {
        var waiting = new RunInWay(12, Instant("11:00"), 1, RunTrigger.Schedule, "replica-a") { WaitingFor = "waiting for a place in group db (limit 1)" };

        var verdict = DispatchDecision.Decide(new DispatchInput(OverlapPolicy.Forbid, new OwedRun(Instant("12:00"), RunTrigger.Schedule), [], [waiting], [])
        {
            Group = new GroupPlace("db", 1, 1, 1),
            Now = Instant("12:00"),
        });

        Assert.Equal(DispatchAction.Skip, verdict.Action);
        Assert.Equal("run #12 (instance 'replica-a') is still waiting for a place in group db (limit 1) (overlap: forbid)", verdict.Reason);
    }

    [Fact]
    public void Under_allow_a_full_group_still_claims_and_the_run_waits()
    {
        var verdict = DispatchDecision.Decide(new DispatchInput(OverlapPolicy.Allow, new OwedRun(Instant("12:00"), RunTrigger.Schedule), [], [], [])
        {
            Group = new GroupPlace("db", 1, 1, 0),
            Now = Instant("12:00"),
        });

        Assert.Equal((DispatchAction.Claim, "waiting for a place in group db (limit 1)"), (verdict.Action, verdict.WaitsFor));
    }

    private static DateTimeOffset Instant(string time) => At($"2026-11-23T{(time.Length == 5 ? time + ":00" : time)}Z");

    private static GroupRun Queued(string text)
    {
        var parts = text.Split(':');
        var trigger = parts.Length > 4 ? RunNames.ParseTrigger(parts[4]) : RunTrigger.Schedule;
        return new GroupRun(long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1], Instant($"{parts[2]}:{parts[3]}"), 1, trigger, "replica-a");
    }
}
