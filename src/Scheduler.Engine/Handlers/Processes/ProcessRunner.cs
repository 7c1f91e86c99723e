using System.ComponentModel;
using Scheduler.Definitions.Runs;

namespace Scheduler.Engine.Handlers.Processes;

/// <summary>
/// Runs one argv (or a shell script) as a run's process, through CliWrap, in a process group of its own
/// (<see cref="RunProcess"/>): at once, or started ahead of the run and held until it starts (<see cref="PrestartedRun"/>).
/// </summary>
internal static class ProcessRunner
{
    /// <summary>
    /// Exit code reported for a run killed at its timeout, as GNU timeout(1) does; <c>scheduler run</c> exits with it.
    /// </summary>
    public const int TimedOutExitCode = 124;

    /// <summary>Runs <paramref name="argv"/> (a program and its arguments, no shell parsing) as the run's process.</summary>
    public static Task<HandlerOutcome> RunCommandAsync(RunContext context, IReadOnlyList<string> argv, CancellationToken cancel) =>
        RunAsync(context, argv[0], path => LaunchLine.ForCommand(path, argv), cancel);

    /// <summary>Runs <paramref name="script"/> with <c>/bin/sh -c</c> as the run's process.</summary>
    public static Task<HandlerOutcome> RunShellAsync(RunContext context, string script, CancellationToken cancel) =>
        RunAsync(context, "/bin/sh", _ => LaunchLine.ForShell(script), cancel);

    /// <summary><paramref name="argv"/>'s process started and held before its program; null when it cannot be held.</summary>
    public static PrestartedRun? PrestartCommand(RunContext context, IReadOnlyList<string> argv) =>
        Start(context, argv[0], path => LaunchLine.ForCommand(path, argv), hold: true).Process;

    /// <summary><paramref name="script"/>'s <c>/bin/sh</c> started and held; null when it cannot be held.</summary>
    public static PrestartedRun? PrestartShell(RunContext context, string script) =>
        Start(context, "/bin/sh", _ => LaunchLine.ForShell(script), hold: true).Process;

    private static async Task<HandlerOutcome> RunAsync(RunContext context, string program, Func<string, LaunchLine?> launch, CancellationToken cancel)
    {
        if (cancel.IsCancellationRequested)
        {
            return new HandlerOutcome(RunStatus.Cancelled, Error: "cancelled before it started");
        }

        var (process, failure) = Start(context, program, launch, hold: false);
        return process is null ? failure! : await process.RunAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the line <paramref name="launch"/> builds for <paramref name="program"/>'s full path; the failure instead
    /// when it cannot start. With <paramref name="hold"/>, only a line through the stub starts (nothing else can wait
    /// before its program), and (null, null) stands for "start it as usual at the run's start".
    /// </summary>
    private static (RunProcess? Process, HandlerOutcome? Failure) Start(RunContext context, string program, Func<string, LaunchLine?> launch, bool hold)
    {
        var task = context.Task;
        var workingDirectory = Path.GetFullPath(task.WorkingDirectory ?? ".");
        if (!Directory.Exists(workingDirectory))
        {
            return (null, HandlerOutcome.Failed(
                $"the working directory '{task.WorkingDirectory}' does not exist ({workingDirectory}); create it or fix working-directory"));
        }

        var environment = RunEnvironment.For(context);
        var searchPath = environment.TryGetValue("PATH", out var path) ? path : Environment.GetEnvironmentVariable("PATH");
        if (ProgramLocator.Find(program, workingDirectory, searchPath, out var notFound) is not { } fullPath)
        {
            return (null, HandlerOutcome.Failed(notFound!));
        }

        Subreaper.Ensure();
        RunProcess? process = null;
        string? refusal = null;
        // Twice at most: when the system refuses to exec the in-memory stub (a memfd exec policy, an SELinux rule), the
        // run starts through setsid and sh instead, and so does every run after it.
        for (var attempt = 0; process is null && attempt < 2; attempt++)
        {
            if (launch(fullPath) is not { } line)
            {
                return (null, HandlerOutcome.Failed(LaunchLine.NoSetsid));
            }

            if (hold && !line.ThroughStub)
            {
                return (null, null);
            }

            try
            {
                process = RunProcess.Start(line, workingDirectory, environment, context);
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

        if (process is null)
        {
            return (null, HandlerOutcome.Failed($"'{program}' could not be started: {refusal}"));
        }

        if (task.Priority == Definitions.Model.TaskPriority.Low && LowPriority.Apply(process.ProcessId) is { } refused)
        {
            context.Output.Append($"scheduler: priority: low could not be applied ({refused}); the run goes on at normal priority\n");
        }

        return (process, null);
    }
}
