using System.Globalization;
using Xunit.Abstractions;

namespace Scheduler.Tests.Serve;

/// <summary>The night Europe/Berlin falls back, served end to end on the virtual clock.</summary>
[Collection(RunsAlone.Name)]
public sealed class DaylightSavingTests(ITestOutputHelper log)
{
    // 2026-10-25 in Europe/Berlin: at 03:00 CEST (01:00Z) clocks go back to 02:00 CET, so 02:00-02:59 local happens twice.
    //
    //   UTC    23:00  00:00  00:30  01:00  01:30  02:00  02:10
    //   local  01:00  02:00  02:30  02:00  02:30  03:00  03:10
    //   offset +02    +02    +02    +01    +01    +01    +01
    //                 └── first 02:xx ──┘└── second 02:xx ─┘
    // The clock starts an hour early: it runs from the process's start, and serve takes a few real seconds (tens of
    // virtual minutes) to apply its tasks; a task first seen after 00:00Z would rightly not owe that slot.
    private const string ClockStart = "2026-10-24T23:00:00Z";
    private static readonly DateTimeOffset StopAfter = DateTimeOffset.Parse("2026-10-25T02:10:00Z", CultureInfo.InvariantCulture);

    [Fact]
    public async Task On_the_fall_back_night_a_fixed_time_job_runs_once_and_a_half_hourly_job_runs_in_both_halves_of_the_repeated_hour()
    {
        using var folder = new ServeFolder(log);
        folder.WriteTask("fixed", $$"""
            schedule: { cron: "30 2 * * *", timezone: Europe/Berlin }
            shell: {{folder.WitnessCommand()}}
            """);
        folder.WriteTask("half-hourly", $$"""
            schedule: { cron: "*/30 * * * *", timezone: Europe/Berlin }
            shell: {{folder.WitnessCommand()}}
            """);

        // 600x: ten virtual minutes per real second, so the night takes about 19 s.
        // No periodic rescans during the night (at 600x the default 30 s would be every 50 ms of real time): this test is
        // about the slots of the zone; RescanTests is about rescans.
        using var serve = folder.StartServe(
            "dst",
            ["--clock-start", ClockStart, "--clock-rate", "600"],
            new Dictionary<string, string> { ["Scheduler__Reconcile__RescanInterval"] = "1.00:00:00" });
        await serve.WaitReadyAsync(TimeSpan.FromSeconds(30));
        await using var store = await folder.OpenStoreAsync();
        var applied = (await store.Runs.ListTasksAsync(default)).Where(t => !t.IsSystem).ToList();
        Assert.True(
            applied.Count == 2 && applied.All(t => t.AppliedAt < Slot("00:00")),
            $"serve started too slowly for this test: the tasks were applied at {string.Join(", ", applied.Select(t => t.AppliedAt.ToString("O", CultureInfo.InvariantCulture)))} virtual time, after the first slot (00:00Z).\n{serve.Output}");

        await Eventually.HoldsAsync(
            async () => (await store.Runs.ListInstancesAsync(default)).Any(i => i.Name == "dst" && i.HeartbeatAt >= StopAfter),
            TimeSpan.FromSeconds(40),
            () => $"the virtual clock did not reach {StopAfter:O}.\n{folder.DescribeWitness()}\n{serve.Output}");
        serve.Terminate();
        Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var witness = folder.ReadWitness();
        var context = $"\n{folder.DescribeWitness()}\n{serve.Output}";
        // Once, at the first 02:30 (+02:00); the second 02:30 (+01:00, 01:30Z) is the same wall time and does not fire again.
        Assert.True(
            witness.Where(w => w.TaskId == "fixed").Select(w => w.Slot).SequenceEqual([Slot("00:30")]),
            $"'30 2 * * *' should fire once, at 2026-10-25T00:30:00Z.{context}");
        // Every half hour of real time, through both halves of the repeated hour.
        Assert.True(
            witness.Where(w => w.TaskId == "half-hourly" && w.Slot >= Slot("00:00") && w.Slot <= StopAfter).Select(w => w.Slot)
                .SequenceEqual([Slot("00:00"), Slot("00:30"), Slot("01:00"), Slot("01:30"), Slot("02:00")]),
            $"'*/30 * * * *' should fire at 00:00Z, 00:30Z, 01:00Z, 01:30Z and 02:00Z.{context}");
    }

    private static DateTimeOffset Slot(string utcTime) =>
        DateTimeOffset.Parse($"2026-10-25T{utcTime}:00Z", CultureInfo.InvariantCulture);
}
