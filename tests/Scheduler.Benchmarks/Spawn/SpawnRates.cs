using System.Diagnostics;
using Scheduler.Definitions.Model;
using Scheduler.Engine.Handlers;
using Scheduler.Benchmarks.Runtime;

namespace Scheduler.Benchmarks.Spawn;

/// <summary>
/// Processes per second, one after another: the real command handler (setsid, the output trampoline, CliWrap,
/// the group check at exit) against a bare <see cref="Process.Start(string)"/> of the same program and a wait.
/// Rounds alternate, so a slow phase of the shared machine hits both.
/// </summary>
internal static class SpawnRates
{
    /// <summary>
    /// Rates of the handler, of a bare start of the program, and of a bare start of the same setsid + sh trampoline
    /// the handler execs (what the process group and the merged output cost by themselves, apart from the handler's code).
    /// </summary>
    public static async Task<(double Handler, double Raw, double RawTrampoline)> MeasureAsync(string program, int perRound, int rounds)
    {
        var task = BenchTasks.Create("spawn/rate", BenchTasks.Hourly, new CommandHandler([program])).Definition;
        var handler = new CommandRunHandler();
        await HandlerOnceAsync(handler, task);
        RawOnce(program);

        double handlerSeconds = 0, rawSeconds = 0, trampolineSeconds = 0;
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < perRound; i++)
            {
                await HandlerOnceAsync(handler, task);
            }

            handlerSeconds += clock.Elapsed.TotalSeconds;
            clock.Restart();
            for (var i = 0; i < perRound; i++)
            {
                RawOnce(program);
            }

            rawSeconds += clock.Elapsed.TotalSeconds;
            clock.Restart();
            for (var i = 0; i < perRound; i++)
            {
                RawTrampolineOnce(program);
            }

            trampolineSeconds += clock.Elapsed.TotalSeconds;
        }

        var total = perRound * rounds;
        return (total / handlerSeconds, total / rawSeconds, total / trampolineSeconds);
    }

    private static async Task HandlerOnceAsync(CommandRunHandler handler, TaskDefinition task)
    {
        var context = new RunContext(task, 1, DateTimeOffset.UtcNow, 1, Definitions.Runs.RunTrigger.Manual, new OutputTail(), TimeProvider.System);
        var outcome = await handler.RunAsync(context, CancellationToken.None);
        if (outcome.Status != Definitions.Runs.RunStatus.Succeeded)
        {
            throw new InvalidOperationException($"The command handler's run of '{task.Handler}' ended {outcome.Status}: {outcome.Error}");
        }
    }

    // The argv ProcessRunner starts: setsid execs sh, which execs the program with stderr joined to stdout.
    private static void RawTrampolineOnce(string program)
    {
        using var process = Process.Start("/usr/bin/setsid", ["/bin/sh", "-c", "exec \"$@\" 2>&1", "sh", program]);
        process.WaitForExit();
    }

    private static void RawOnce(string program)
    {
        using var process = Process.Start(program);
        process.WaitForExit();
    }
}
