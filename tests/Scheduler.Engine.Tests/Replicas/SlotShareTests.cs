using Scheduler.Engine.Planning;
using Scheduler.Engine.Running;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Replicas;

/// <summary>How the loop plans a task it owns (now) and one another live replica owns (a grace late, so the owner goes first).</summary>
public sealed class SlotShareTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Now = At("2026-11-23T12:00:00.300Z");

    [Fact]
    public void Alone_an_instance_owns_every_task_and_plans_them_on_time()
    {
        var share = new SlotShare("r1", Grace);

        Assert.True(share.Owns("backups/nightly-db"));
        Assert.Equal(Now, share.PlansAt("backups/nightly-db", Now));
        Assert.Equal(Now, share.WakeAt("backups/nightly-db", Now));
        Assert.False(share.Update([]));
        Assert.Equal(["r1"], share.Live);
    }

    [Fact]
    public void With_three_live_instances_each_task_has_one_owner_and_the_others_plan_it_a_grace_late()
    {
        string[] live = ["r1", "r2", "r3"];
        var shares = live.Select(name => new SlotShare(name, Grace)).ToList();
        shares.ForEach(s => Assert.True(s.Update(live)));

        foreach (var task in Enumerable.Range(0, 100).Select(i => $"task-{i}"))
        {
            var owner = Assert.Single(shares, s => s.Owns(task));
            Assert.Equal(Now, owner.PlansAt(task, Now));
            Assert.All(shares.Where(s => s != owner), s =>
            {
                Assert.Equal(Now - Grace, s.PlansAt(task, Now));
                Assert.Equal(Now + Grace, s.WakeAt(task, Now));
            });
        }
    }

    [Fact]
    public void A_slot_its_owner_left_unclaimed_is_due_for_the_others_a_grace_after_it()
    {
        var task = Parse("schedule:\n  every: 1s\nshell: 'true'", "tick");
        var share = new SlotShare("r1", Grace);
        share.Update(["r2", "r3"]);
        var notOwned = Enumerable.Range(0, 50).Select(i => $"tick-{i}").First(id => !share.Owns(id));
        var watermark = At("2026-11-23T12:00:00Z");

        // 4.9 s after the slot 12:00:01 the owner may still claim it; at 5 s any replica may.
        var early = SlotPlanner.Plan(task, watermark, share.PlansAt(notOwned, watermark.AddSeconds(5.9)), TimeSpan.FromMinutes(1));
        var due = SlotPlanner.Plan(task, watermark, share.PlansAt(notOwned, watermark.AddSeconds(6)), TimeSpan.FromMinutes(1));

        Assert.Empty(early.Runs);
        Assert.Equal(watermark.AddSeconds(6), share.WakeAt(notOwned, early.Next));
        var run = Assert.Single(due.Runs);
        Assert.Equal(watermark.AddSeconds(1), run.Slot);
        Assert.Equal(Definitions.Runs.RunTrigger.Schedule, run.Trigger);
    }

    [Fact]
    public void An_unchanged_live_set_keeps_the_owners_and_a_new_one_is_taken_whole()
    {
        var share = new SlotShare("r1", Grace);

        Assert.True(share.Update(["r3", "r2"]));
        Assert.False(share.Update(["r2", "r3", "r1"]));
        Assert.Equal(["r1", "r2", "r3"], share.Live);
        Assert.True(share.Update(["r2"]));
        Assert.Equal(["r1", "r2"], share.Live);
    }
}
