using System.Diagnostics;
using Scheduler.Definitions.Model;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Handlers.Processes;
using Scheduler.Benchmarks.Runtime;

namespace Scheduler.Benchmarks.Spawn;

/// <summary>
/// Processes per second, one after another: the real command handler (the exec stub or setsid and the output
/// trampoline, CliWrap, the group check at exit) against a bare <see cref="Process.Start(string)"/> of the same program and a wait.
/// Rounds alternate, so a slow phase of the shared machine hits both.
/// </summary>
internal static class SpawnRates
{
    /// <summary>
    /// Rates of the handler, of a bare start of the program, and of a bare start of the same line the handler launches
    /// (the exec stub, or setsid + sh: what the process group and the merged output cost by themselves, apart from the
    /// handler's code).
    /// </summary>
    public static async Task<(double Handler, double Raw, double RawTrampoline, double CliWrapOnly)> MeasureAsync(string program, int perRound, int rounds)
    {
        var task = BenchTasks.Create("spawn/rate", BenchTasks.Hourly, new CommandHandler([program])).Definition;
        var handler = new CommandRunHandler();
        await HandlerOnceAsync(handler, task);
        RawOnce(program);
        var line = Line(program);

        await CliWrapOnceAsync(program);
        double handlerSeconds = 0, rawSeconds = 0, trampolineSeconds = 0, cliWrapSeconds = 0;
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
                RawTrampolineOnce(line);
            }

            trampolineSeconds += clock.Elapsed.TotalSeconds;
            clock.Restart();
            for (var i = 0; i < perRound; i++)
            {
                await CliWrapOnceAsync(program);
            }

            cliWrapSeconds += clock.Elapsed.TotalSeconds;
        }

        var total = perRound * rounds;
        return (total / handlerSeconds, total / rawSeconds, total / trampolineSeconds, total / cliWrapSeconds);
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

    // The line ProcessRunner starts: the in-memory exec stub (setsid, stderr joined to stdout, exec the program), or
    // where it cannot be used setsid execing sh, which execs the program with stderr joined to stdout.
    private static void RawTrampolineOnce(LaunchLine line)
    {
        var start = new ProcessStartInfo(line.Target, line.Arguments) { RedirectStandardInput = line.ThroughStub };
        using var process = Process.Start(start)!;
        if (line.ThroughStub)
        {
            process.StandardInput.BaseStream.WriteByte(1); // the go byte the stub waits for before it execs the program
            process.StandardInput.Close();
        }

        process.WaitForExit();
    }

    /// <summary>The line the handler launches for <paramref name="program"/>, and how to name it in the table.</summary>
    public static LaunchLine Line(string program)
    {
        var path = ProgramLocator.Find(program, Environment.CurrentDirectory, Environment.GetEnvironmentVariable("PATH"), out var error)
            ?? throw new InvalidOperationException(error);
        return LaunchLine.ForCommand(path, [program]) ?? throw new InvalidOperationException(LaunchLine.NoSetsid);
    }

    // CliWrap alone on the bare program (no group, no merge, no handler code): the ceiling of any handler run through
    // CliWrap, which always redirects all three standard streams and waits for the exit and the pipes asynchronously.
    private static async Task CliWrapOnceAsync(string program) =>
        await CliWrap.Cli.Wrap(program)
            .WithStandardOutputPipe(CliWrap.PipeTarget.Null)
            .WithStandardErrorPipe(CliWrap.PipeTarget.Null)
            .WithValidation(CliWrap.CommandResultValidation.None)
            .ExecuteAsync();

    private static void RawOnce(string program)
    {
        using var process = Process.Start(program);
        process.WaitForExit();
    }
}
