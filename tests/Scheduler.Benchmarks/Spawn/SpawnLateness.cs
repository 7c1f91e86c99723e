using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Scheduler.Benchmarks.Fire;
using Scheduler.Benchmarks.Runtime;
using Scheduler.Definitions.Model;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Running;

namespace Scheduler.Benchmarks.Spawn;

/// <summary>
/// Start lateness of processes through the whole engine: N command tasks due every second. The command is
/// <c>date +%s%N</c>, as cheap as <c>true</c> but it prints the moment it runs (after setsid, the trampoline and
/// its own exec), which the engine keeps as the run's output; lateness = that moment - the run's slot.
/// </summary>
internal static class SpawnLateness
{
    public static async Task<(double[] LatenessMs, long Expected)> MeasureAsync(int tasks, int warmupS, int durationS, int maxConcurrent)
    {
        await using var engine = await EngineUnderTest.OpenAsync("spawn", new CommandRunHandler());
        engine.Options.MaxConcurrentRuns = maxConcurrent;
        var scheduled = new List<ScheduledTask>(tasks);
        for (var i = 0; i < tasks; i++)
        {
            var task = BenchTasks.Create($"spawn/{i}", BenchTasks.EverySecond, new CommandHandler(["date", "+%s%N"]));
            await engine.RegisterAsync(task, DateTimeOffset.UtcNow);
            scheduled.Add(task);
        }

        await engine.StartAsync(scheduled);
        var window = W1Window.After(DateTime.UtcNow.Ticks, warmupS, durationS, drainS: 3);
        Log.Info($"spawn: {tasks} command tasks every second, window of {durationS} s after a {warmupS} s warm-up");
        await W1Window.SleepUntilAsync(window.Cutoff);
        await engine.StopAsync();

        var from = new DateTimeOffset(window.Start, TimeSpan.Zero);
        var to = new DateTimeOffset(window.End, TimeSpan.Zero);
        await using var db = await engine.Store.Contexts.CreateDbContextAsync();
        var runs = await db.Runs.Where(r => r.SlotUtc >= from && r.SlotUtc < to).Select(r => new { r.SlotUtc, r.OutputTail }).ToListAsync();
        var lateness = new List<double>(runs.Count);
        foreach (var run in runs)
        {
            if (long.TryParse(run.OutputTail.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var nanoseconds))
            {
                lateness.Add((nanoseconds / 100 - run.SlotUtc.UtcTicks + DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerMillisecond);
            }
        }

        lateness.Sort();
        return ([.. lateness], (long)tasks * durationS);
    }
}
