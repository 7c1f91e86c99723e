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

    // util-linux setsid: the child .NET forks is not a group leader, so setsid() succeeds and setsid execs in place;
    // the run's main process keeps its pid, which is then also its process group and session id. .NET on Linux cannot
    // start a child in a group of its own (ProcessStartInfo.CreateNewProcessGroup is Windows-only), and the parent
    // cannot move it once it has exec'd (setpgid: EACCES), so this one exec is the price of the group. Looked up once.
    private static readonly string? Setsid = Array.Find(["/usr/bin/setsid", "/bin/setsid"], File.Exists);

    // The trampoline points stderr at the stdout pipe, so both arrive in one pipe in the order they were written
    // (two pipes read by two tasks can never be merged in true order). "$@" is the program and its arguments exactly
    // as given, each one word: the shell never parses them as code, and exec replaces the shell with the program.
    private const string Trampoline = "exec \"$@\" 2>&1";

    // A shell script needs no trampoline: its own shell joins stderr to stdout first. On the script's first line, so
    // the line numbers in the shell's messages are the script's own.
    private const string ShellPrologue = "exec 2>&1; ";

    // Once the group is gone nothing of the run can write anymore; this bounds reading what is left in the pipe, and
    // a pipe held open by a process that escaped the group on purpose (a daemon calling setsid itself).
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="argv"/> (a program and its arguments, no shell parsing) as the run's process.</summary>
    public static Task<HandlerOutcome> RunCommandAsync(RunContext context, IReadOnlyList<string> argv, CancellationToken cancel) =>
        RunAsync(context, argv[0], ["/bin/sh", "-c", Trampoline, "sh", .. argv], cancel);

    /// <summary>Runs <paramref name="script"/> with <c>/bin/sh -c</c> as the run's process.</summary>
    public static Task<HandlerOutcome> RunShellAsync(RunContext context, string script, CancellationToken cancel) =>
        RunAsync(context, "/bin/sh", ["/bin/sh", "-c", ShellPrologue + script], cancel);

    /// <summary>Runs setsid with <paramref name="underSetsid"/>, whose last exec is <paramref name="program"/>.</summary>
    private static async Task<HandlerOutcome> RunAsync(RunContext context, string program, IReadOnlyList<string> underSetsid, CancellationToken cancel)
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
        if (ProgramLocator.Find(program, workingDirectory, searchPath, out var notFound) is null)
        {
            return HandlerOutcome.Failed(notFound!);
        }

        if (Setsid is not { } setsid)
        {
            return HandlerOutcome.Failed(
                "setsid was not found in /usr/bin or /bin; install util-linux: every run needs a process group of its own so it can be stopped whole");
        }

        Subreaper.Ensure();
        using var stopReading = new CancellationTokenSource();
        var command = Cli.Wrap(setsid)
            .WithArguments(underSetsid)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(variables =>
            {
                foreach (var (name, value) in environment)
                {
                    variables.Set(name, value);
                }
            })
            .WithStandardInputPipe(PipeSource.Null)
            .WithStandardOutputPipe(OutputPipe.Into(context.Output, stopReading.Token))
            .WithStandardErrorPipe(OutputPipe.Into(context.Output, stopReading.Token)) // only setsid's and the trampoline's own complaints
            .WithValidation(CommandResultValidation.None);

        CommandTask<CommandResult> execution;
        try
        {
            execution = command.ExecuteAsync(CancellationToken.None);
        }
        catch (Win32Exception ex)
        {
            return HandlerOutcome.Failed($"'{program}' could not be started: {ex.Message}");
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
