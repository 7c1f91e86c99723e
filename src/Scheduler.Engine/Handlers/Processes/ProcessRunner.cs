using System.ComponentModel;
using CliWrap;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Values;

namespace Scheduler.Engine.Handlers.Processes;

/// <summary>
/// Runs one argv as a run's process, through CliWrap, in a process group of its own, and makes sure that when the
/// run ends (exit, timeout or cancel) no process of that group is left: SIGTERM, kill-grace, SIGKILL.
/// </summary>
internal static class ProcessRunner
{
    /// <summary>
    /// Exit code reported for a run killed at its timeout, as GNU timeout(1) does; <c>scheduler run</c> exits with it.
    /// </summary>
    public const int TimedOutExitCode = 124;

    // Once the group is gone nothing of the run can write anymore; this bounds reading what is left in the pipe, and
    // a pipe held open by a process that escaped the group on purpose (a daemon calling setsid itself).
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="argv"/> (a program and its arguments, no shell parsing) as the run's process.</summary>
    public static Task<HandlerOutcome> RunCommandAsync(RunContext context, IReadOnlyList<string> argv, CancellationToken cancel) =>
        RunAsync(context, argv[0], path => LaunchLine.ForCommand(path, argv), cancel);

    /// <summary>Runs <paramref name="script"/> with <c>/bin/sh -c</c> as the run's process.</summary>
    public static Task<HandlerOutcome> RunShellAsync(RunContext context, string script, CancellationToken cancel) =>
        RunAsync(context, "/bin/sh", _ => LaunchLine.ForShell(script), cancel);

    /// <summary>Runs the line <paramref name="launch"/> builds for <paramref name="program"/>'s full path.</summary>
    private static async Task<HandlerOutcome> RunAsync(RunContext context, string program, Func<string, LaunchLine?> launch, CancellationToken cancel)
    {
        var task = context.Task;
        if (cancel.IsCancellationRequested)
        {
            return new HandlerOutcome(RunStatus.Cancelled, Error: "cancelled before it started");
        }

        var workingDirectory = Path.GetFullPath(task.WorkingDirectory ?? ".");
        if (!Directory.Exists(workingDirectory))
        {
            return HandlerOutcome.Failed(
                $"the working directory '{task.WorkingDirectory}' does not exist ({workingDirectory}); create it or fix working-directory");
        }

        var environment = RunEnvironment.For(context);
        var searchPath = environment.TryGetValue("PATH", out var path) ? path : Environment.GetEnvironmentVariable("PATH");
        if (ProgramLocator.Find(program, workingDirectory, searchPath, out var notFound) is not { } fullPath)
        {
            return HandlerOutcome.Failed(notFound!);
        }

        Subreaper.Ensure();
        using var stopReading = new CancellationTokenSource();
        CommandTask<CommandResult>? execution = null;
        string? refusal = null;
        // Twice at most: when the system refuses to exec the in-memory stub (a memfd exec policy, an SELinux rule), the
        // run starts through setsid and sh instead, and so does every run after it.
        for (var attempt = 0; execution is null && attempt < 2; attempt++)
        {
            if (launch(fullPath) is not { } line)
            {
                return HandlerOutcome.Failed(LaunchLine.NoSetsid);
            }

            try
            {
                execution = Start(line, workingDirectory, environment, context.Output, stopReading.Token);
            }
            catch (Win32Exception ex)
            {
                refusal = ex.Message;
                if (!line.ThroughStub || !ExecStub.IsRefusal(ex.NativeErrorCode))
                {
                    break;
                }

                ExecStub.Refused();
            }
        }

        if (execution is null)
        {
            return HandlerOutcome.Failed($"'{program}' could not be started: {refusal}");
        }

        if (task.Priority == Definitions.Model.TaskPriority.Low && LowPriority.Apply(execution.ProcessId) is { } refused)
        {
            context.Output.Append($"scheduler: priority: low could not be applied ({refused}); the run goes on at normal priority\n");
        }

        var leaderExit = LeaderExit.WatchAsync(execution.ProcessId);
        var stoppedBy = await WaitForExitOrStopAsync(leaderExit, task.Timeout, context.Time, cancel).ConfigureAwait(false);

        // Also after a normal exit: children it left behind in its group (`sleep 1000 &`) must not outlive the run,
        // and would otherwise hold the output pipe open.
        await new ProcessGroup(execution.ProcessId, leaderExit).TerminateAsync(task.KillGrace, context.Time).ConfigureAwait(false);

        var exitCode = await CollectExitCodeAsync(execution, stopReading).ConfigureAwait(false);
        return stoppedBy switch
        {
            StopReason.Timeout => new HandlerOutcome(RunStatus.TimedOut, TimedOutExitCode, $"timed out after {Durations.Format(task.Timeout)}"),
            StopReason.Cancel => new HandlerOutcome(RunStatus.Cancelled, exitCode, "cancelled"),
            _ when exitCode == 0 => HandlerOutcome.Succeeded(),
            _ => HandlerOutcome.Failed($"exited with code {exitCode}", exitCode),
        };
    }

    /// <summary>Starts <paramref name="line"/> through CliWrap, both output pipes into the run's tail.</summary>
    private static CommandTask<CommandResult> Start(
        LaunchLine line, string workingDirectory, IReadOnlyDictionary<string, string?> environment, OutputTail output, CancellationToken stopReading) =>
        Cli.Wrap(line.Target)
            .WithArguments(line.Arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(variables =>
            {
                foreach (var (name, value) in environment)
                {
                    variables.Set(name, value);
                }
            })
            .WithStandardInputPipe(PipeSource.Null)
            .WithStandardOutputPipe(OutputPipe.Into(output, stopReading))
            .WithStandardErrorPipe(OutputPipe.Into(output, stopReading)) // only what comes before the stub's or the trampoline's dup2
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(CancellationToken.None);

    private static async Task<StopReason> WaitForExitOrStopAsync(Task leaderExit, TimeSpan timeout, TimeProvider time, CancellationToken cancel)
    {
        using var timedOut = RunDeadline.After(timeout, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timedOut.Token, cancel);
        try
        {
            await leaderExit.WaitAsync(stop.Token).ConfigureAwait(false);
            return StopReason.None;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return cancel.IsCancellationRequested ? StopReason.Cancel : StopReason.Timeout;
        }
    }

    /// <summary>The exit code from CliWrap, once the output is read to its end, or cut off after <see cref="DrainLimit"/>.</summary>
    private static async Task<int> CollectExitCodeAsync(CommandTask<CommandResult> execution, CancellationTokenSource stopReading)
    {
        stopReading.CancelAfter(DrainLimit);
        return (await execution.Task.ConfigureAwait(false)).ExitCode;
    }

    private enum StopReason
    {
        None,
        Timeout,
        Cancel,
    }
}
