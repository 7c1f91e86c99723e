using System.Globalization;
using Xunit.Abstractions;

namespace Scheduler.Tests.Serve;

/// <summary>The periodic rescan of the schedules folder, which finds nothing changed almost every time.</summary>
[Collection(RunsAlone.Name)]
public sealed class RescanTests(ITestOutputHelper log)
{
    private static readonly DateTimeOffset ClockStart = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Rescanning_unchanged_files_never_drops_a_due_slot()
    {
        using var folder = new ServeFolder(log);
        // catch-up: all and overlap: allow, so that neither a loop that falls behind nor a slow run may pass a slot over:
        // a missing slot can then only be one the engine forgot.
        folder.WriteTask("minutely", $"""
            schedule:
              every: 1m
            catch-up: all
            overlap: allow
            shell: {folder.WitnessCommand()}
            """);

        // 600x: a slot every 100 ms of real time, and a rescan of the unchanged folder every 10 virtual seconds (about
        // 17 ms real), so over some 90 slots rescans land in every phase of the slot loop.
        using var serve = folder.StartServe(
            "rescans",
            ["--clock-start", ClockStart.ToString("O", CultureInfo.InvariantCulture), "--clock-rate", "600"],
            new Dictionary<string, string> { ["Scheduler__Reconcile__RescanInterval"] = "00:00:10" });
        await serve.WaitReadyAsync(TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(
            () => folder.ReadWitness().Count >= 90,
            TimeSpan.FromSeconds(40),
            () => $"fewer than 90 slots ran.\n{folder.DescribeWitness()}\n{serve.Output}");
        serve.Terminate();
        Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var slots = folder.ReadWitness().Select(w => w.Slot).ToList();
        var context = $"\n{folder.DescribeWitness()}\n{serve.Output}";
        Assert.True(slots.Count == slots.Distinct().Count(), $"a slot ran twice.{context}");
        var ordered = slots.Order().ToList();
        var gaps = ordered.Zip(ordered.Skip(1)).Where(p => p.Second - p.First != TimeSpan.FromMinutes(1)).ToList();
        Assert.True(
            gaps.Count == 0,
            $"{gaps.Count} gap(s) in {ordered.Count} slots, e.g. nothing between {gaps.FirstOrDefault().First:HH:mm} and {gaps.FirstOrDefault().Second:HH:mm}.{context}");
    }
}
