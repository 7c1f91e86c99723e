using CsCheck;
using Scheduler.Definitions.Model;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Accounting;

/// <summary>
/// The invariant of issue 13 as a property: each due slot of a task ends as exactly one row (a run, a skip, or inside
/// exactly one passed range), whatever the schedule, policies, run durations, loop lateness, downtimes and kill points.
/// </summary>
public sealed class AccountingPropertyTests
{
    private static readonly DateTimeOffset Start = At("2026-11-23T11:59:30Z");

    internal static readonly Gen<string> Schedules = Gen.OneOf("* * * * *", "*/5 * * * *", "*/7 * * * *", "0 * * * *", "30 */2 * * *", "*/2 9-17 * * *");

    internal static readonly Gen<string> Policies = Gen.Select(
        Gen.OneOf("none", "latest", "all"),
        Gen.Int[1, 25],
        Gen.OneOf("", "2m", "10m", "1h"),
        Gen.OneOf("forbid", "allow", "replace"),
        (catchUp, max, deadline, overlap) =>
            $"catch-up: {catchUp}\nmax-catch-up: {max}\noverlap: {overlap}" + (deadline.Length > 0 ? $"\nstarting-deadline: {deadline}" : ""));

    /// <summary>One stretch of a life: how long it lives, how late its loop wakes, and whether it ends in a crash and for how long the scheduler is down.</summary>
    internal sealed record Stretch(int LiveSeconds, int LateSeconds, bool Crash, int DownSeconds)
    {
        public override string ToString() => $"live {LiveSeconds}s late {LateSeconds}s" + (Crash ? $" crash, down {DownSeconds}s" : "");
    }

    internal sealed record Case(string Schedule, string Policy, int[] DurationSeconds, Stretch[] Stretches)
    {
        public string Yaml => $"schedule: \"{Schedule}\"\n{Policy}\nshell: x";

        public override string ToString() =>
            $"{Yaml.Replace('\n', ' ')} | durations {string.Join(",", DurationSeconds)}s | {string.Join("; ", Stretches.Select(s => s.ToString()))}";
    }

    private static readonly Gen<Stretch> Stretches = Gen.Select(
        Gen.Int[1, 3 * 3600], Gen.OneOf(Gen.Const(0), Gen.Int[0, 180]), Gen.Bool, Gen.Int[0, 6 * 3600],
        (live, late, crash, down) => new Stretch(live, late, crash, down));

    internal static readonly Gen<Case> Cases = Gen.Select(
        Schedules, Policies, Gen.OneOf(Gen.Int[0, 30], Gen.Int[0, 3 * 3600]).Array[1, 4], Stretches.Array[1, 4],
        (schedule, policy, durations, stretches) => new Case(schedule, policy, durations, stretches));

    [Fact]
    public void Every_due_slot_ends_as_exactly_one_row_across_random_schedules_policies_durations_lateness_and_crashes() =>
        Cases.Sample(AssertAccounted, iter: 2_000, print: c => c.ToString());

    private static void AssertAccounted(Case c)
    {
        var task = Parse(c.Yaml);
        var model = new SlotModel(task, [.. c.DurationSeconds.Select(s => TimeSpan.FromSeconds(s))]);
        model.Start(Start);
        foreach (var stretch in c.Stretches)
        {
            model.RunUntil(model.Now.AddSeconds(stretch.LiveSeconds), TimeSpan.FromSeconds(stretch.LateSeconds));
            if (stretch.Crash)
            {
                model.Crash();
                model.Start(model.Now.AddSeconds(stretch.DownSeconds));
            }
        }

        var end = model.Now;
        model.Finish();
        Coverage.AssertEachSlotOnce(task, Start, end, model.Rows.Select(r => (r.Key, r.Value.To, r.Value.Count)));
    }
}
