using CsCheck;
using Scheduler.Engine.Tests.Engine;
using static Scheduler.Engine.Tests.TestTasks;

namespace Scheduler.Engine.Tests.Accounting;

/// <summary>
/// The accounting property through the real engine on a real SQLite file: fewer cases than the model's (each is a
/// store, a loop and its restarts), random schedules, policies, clock steps (a late or suspended loop) and downtimes.
/// </summary>
public sealed class EngineAccountingTests
{
    private sealed record Life(int[] StepSeconds, int DownSeconds)
    {
        public override string ToString() => $"steps {string.Join(",", StepSeconds)}s, down {DownSeconds}s";
    }

    private sealed record Case(string Schedule, string Policy, Life[] Lives)
    {
        public string Yaml => $"schedule: \"{Schedule}\"\n{Policy}\nshell: x";

        public override string ToString() => $"{Yaml.Replace('\n', ' ')} | {string.Join("; ", Lives.Select(l => l.ToString()))}";
    }

    private static readonly Gen<Case> Cases = Gen.Select(
        AccountingPropertyTests.Schedules,
        AccountingPropertyTests.Policies,
        Gen.Select(Gen.OneOf(Gen.Int[10, 90], Gen.Int[60, 3 * 3600]).Array[1, 5], Gen.Int[0, 5 * 3600], (steps, down) => new Life(steps, down)).Array[1, 3],
        (schedule, policy, lives) => new Case(schedule, policy, lives));

    [Fact]
    public Task Every_due_slot_ends_as_exactly_one_row_in_the_real_store_across_clock_steps_and_restarts() =>
        Cases.SampleAsync(AssertAccountedAsync, iter: 4, threads: 1, print: c => c.ToString());

    private static async Task AssertAccountedAsync(Case c)
    {
        await using var h = await EngineHarness.CreateAsync();
        var start = h.Now;
        var engine = await h.StartEngineAsync();
        await h.ApplyAsync("t", c.Yaml);
        foreach (var life in c.Lives)
        {
            foreach (var step in life.StepSeconds)
            {
                h.Clock.Advance(TimeSpan.FromSeconds(step));
                await h.SettleAsync();
            }

            await h.StopEngineAsync(engine);
            h.Clock.Advance(TimeSpan.FromSeconds(life.DownSeconds));
            engine = await h.StartEngineAsync();
        }

        await h.SettleAsync();
        await h.BarrierAsync();
        var rows = (await h.RunsOfAsync("t")).Where(r => r.Attempt == 1);
        Coverage.AssertEachSlotOnce(Parse(c.Yaml), start, h.Now, rows.Select(r => (r.SlotUtc, r.PassedToUtc ?? r.SlotUtc, r.PassedCount ?? 1)));
    }
}
