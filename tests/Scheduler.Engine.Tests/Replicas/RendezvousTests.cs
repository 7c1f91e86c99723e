using System.Globalization;
using Scheduler.Engine.Running;

namespace Scheduler.Engine.Tests.Replicas;

/// <summary>The spreading function: every replica computes the same owner, the owners are balanced, and few tasks move when a replica comes or goes.</summary>
public sealed class RendezvousTests
{
    private static readonly string[] Ids = [.. Enumerable.Range(0, 10_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"team-{i % 37}/job-{i}"))];

    [Theory]
    [InlineData("r1,r2,r3")]
    [InlineData("scheduler-0,scheduler-1,scheduler-2")]
    [InlineData("scheduler-7d9f8c5b4-x2kqp,scheduler-7d9f8c5b4-bq7zn,scheduler-7d9f8c5b4-m4vtl")]
    [InlineData("a,b,c")]
    public void Three_instances_each_own_between_a_fifth_and_a_half_of_ten_thousand_tasks(string names)
    {
        var instances = names.Split(',');
        var owned = Ids.GroupBy(id => Rendezvous.Owner(id, instances)).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(instances.Order(), owned.Keys.Order());
        foreach (var (instance, count) in owned)
        {
            Assert.InRange(count, Ids.Length / 5, Ids.Length / 2);
            // Much tighter in fact: a fair coin over 10,000 tasks stays within a few percent of a third.
            Assert.True(Math.Abs(count - (Ids.Length / 3.0)) < Ids.Length * 0.03, $"{instance} owns {count} of {Ids.Length}");
        }
    }

    [Fact]
    public void The_owner_does_not_depend_on_the_order_the_instances_are_listed_in()
    {
        string[] listed = ["r2", "r3", "r1"];
        string[] sorted = ["r1", "r2", "r3"];

        Assert.All(Ids.Take(1000), id => Assert.Equal(Rendezvous.Owner(id, sorted), Rendezvous.Owner(id, listed)));
    }

    [Fact]
    public void A_joining_instance_takes_about_its_share_and_no_task_moves_between_the_others()
    {
        string[] before = ["r1", "r2", "r3"];
        string[] after = ["r1", "r2", "r3", "r4"];

        var moved = Ids.Where(id => Rendezvous.Owner(id, before) != Rendezvous.Owner(id, after)).ToList();

        Assert.All(moved, id => Assert.Equal("r4", Rendezvous.Owner(id, after)));
        Assert.InRange(moved.Count, Ids.Length / 5, Ids.Length * 3 / 10); // a quarter, give or take
    }

    [Fact]
    public void A_leaving_instance_hands_over_only_its_own_tasks()
    {
        string[] before = ["r1", "r2", "r3"];
        string[] after = ["r1", "r3"];

        var moved = Ids.Where(id => Rendezvous.Owner(id, before) != Rendezvous.Owner(id, after)).ToList();

        Assert.Equal(Ids.Count(id => Rendezvous.Owner(id, before) == "r2"), moved.Count);
        Assert.All(moved, id => Assert.Equal("r2", Rendezvous.Owner(id, before)));
    }

    [Fact]
    public void The_hash_is_stable_across_processes_and_versions()
    {
        // Pinned: replicas of different builds must agree on owners (string.GetHashCode is randomised per process).
        Assert.Equal(0xcbf29ce484222325UL, Rendezvous.Hash(""));
        Assert.Equal(0xaf63dc4c8601ec8cUL, Rendezvous.Hash("a"));
        Assert.Equal("r2", Rendezvous.Owner("backups/nightly-db", ["r1", "r2", "r3"]));
    }
}
