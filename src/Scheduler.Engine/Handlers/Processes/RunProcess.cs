using CliWrap;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Values;

namespace Scheduler.Engine.Handlers.Processes;

/// <summary>
/// A run's process, started through CliWrap in a process group of its own. Through the <see cref="ExecStub"/> it is
/// held before its program: the stub waits for one byte on its stdin, which <see cref="RunAsync"/> writes (an
/// immediate run at once, a run started ahead at its slot). When the run ends (exit, timeout or cancel) no process of
/// its group is left: SIGTERM, kill-grace, SIGKILL.
/// </summary>
internal sealed class RunProcess : PrestartedRun
{
    // Once the group is gone nothing of the run can write anymore; this bounds reading what is left in the pipe, and
    // a pipe held open by a process that escaped the group on purpose (a daemon calling setsid itself).
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);

    private static readonly byte[] Go = [1];

    private readonly RunContext _context;
    private readonly CommandTask<CommandResult> _execution;
    private readonly CancellationTokenSource _stopReading;
    private readonly TaskCompletionSource<bool>? _gate;
    private readonly Task _leaderExit;
    private readonly Lock _releaseLock = new();
    private DateTimeOffset? _releasedAt;
    private int _used;

    private RunProcess(RunContext context, CommandTask<CommandResult> execution, CancellationTokenSource stopReading, TaskCompletionSource<bool>? gate)
    {
        _context = context;
        _execution = execution;
        _stopReading = stopReading;
        _gate = gate;
        _leaderExit = LeaderExit.WatchAsync(execution.ProcessId);
    }

    /// <summary>The run's main process: its pid is also its group id.</summary>
    public int ProcessId => _execution.ProcessId;

    /// <summary>
    /// Starts <paramref name="line"/> through CliWrap, both output pipes into the run's tail; held (the stub's wait for
    /// its go byte) when the line goes through the stub. Throws <see cref="System.ComponentModel.Win32Exception"/> when
    /// the system refuses the start.
    /// </summary>
    public static RunProcess Start(LaunchLine line, string workingDirectory, IReadOnlyDictionary<string, string?> environment, RunContext context)
    {
        // No continuation runs on its own thread: the go byte is written by the thread that releases the run.
        var gate = line.ThroughStub ? new TaskCompletionSource<bool>() : null;
        var stopReading = new CancellationTokenSource();
        try
        {
            var execution = Cli.Wrap(line.Target)
                .WithArguments(line.Arguments)
                .WithWorkingDirectory(workingDirectory)
                .WithEnvironmentVariables(variables =>
                {
                    foreach (var (name, value) in environment)
                    {
                        variables.Set(name, value);
                    }
                })
                .WithStandardInputPipe(gate is null ? PipeSource.Null : PipeSource.Create((stdin, _) => GoAsync(gate.Task, stdin)))
                .WithStandardOutputPipe(OutputPipe.Into(context.Output, stopReading.Token))
                .WithStandardErrorPipe(OutputPipe.Into(context.Output, stopReading.Token)) // only what comes before the stub's or the trampoline's dup2
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(CancellationToken.None);
            return new RunProcess(context, execution, stopReading, gate);
        }
        catch
        {
            stopReading.Dispose();
            throw;
        }
    }

    public override async Task<HandlerOutcome> RunAsync(CancellationToken cancel)
    {
        Claim();
        var task = _context.Task;
        if (cancel.IsCancellationRequested && ReleasedAt is null)
        {
            await EndHeldAsync().ConfigureAwait(false);
            return new HandlerOutcome(RunStatus.Cancelled, Error: "cancelled before it started");
        }

        Release();
        var stoppedBy = await WaitForExitOrStopAsync(task.Timeout - (_context.Time.GetUtcNow() - ReleasedAt!.Value), cancel).ConfigureAwait(false);

        // Also after a normal exit: children it left behind in its group (`sleep 1000 &`) must not outlive the run,
        // and would otherwise hold the output pipe open.
        await new ProcessGroup(ProcessId, _leaderExit).TerminateAsync(task.KillGrace, _context.Time).ConfigureAwait(false);

        var exitCode = await CollectExitCodeAsync().ConfigureAwait(false);
        return stoppedBy switch
        {
            StopReason.Timeout => new HandlerOutcome(RunStatus.TimedOut, ProcessRunner.TimedOutExitCode, $"timed out after {Durations.Format(task.Timeout)}"),
            StopReason.Cancel => new HandlerOutcome(RunStatus.Cancelled, exitCode, "cancelled"),
            _ when exitCode == 0 => HandlerOutcome.Succeeded(),
            _ => HandlerOutcome.Failed($"exited with code {exitCode}", exitCode),
        };
    }

    public override void Release()
    {
        lock (_releaseLock)
        {
            if (_releasedAt is null)
            {
                _releasedAt = _context.Time.GetUtcNow();
                _gate?.TrySetResult(true); // the go byte is written by this thread, before this returns
            }
        }
    }

    public override Task AbandonAsync()
    {
        Claim();
        return EndHeldAsync();
    }

    private DateTimeOffset? ReleasedAt
    {
        get
        {
            lock (_releaseLock)
            {
                return _releasedAt;
            }
        }
    }

    private void Claim()
    {
        if (Interlocked.Exchange(ref _used, 1) != 0)
        {
            throw new InvalidOperationException("A run's process is released or abandoned once.");
        }
    }

    /// <summary>Ends the process while its program has not started: the stub reads end-of-file and exits, and is killed besides.</summary>
    private async Task EndHeldAsync()
    {
        _gate?.TrySetResult(false);
        await new ProcessGroup(ProcessId, _leaderExit).TerminateAsync(TimeSpan.Zero, TimeProvider.System).ConfigureAwait(false);
        await CollectExitCodeAsync().ConfigureAwait(false);
    }

    /// <summary>The stub's stdin: the go byte when released, then end-of-file (CliWrap closes it), which the program then reads.</summary>
    private static async Task GoAsync(Task<bool> released, Stream stdin)
    {
        if (!await released.ConfigureAwait(false))
        {
            return;
        }

        try
        {
            // Synchronous: one byte into an empty pipe never blocks, and the release writes each run's byte in turn.
            stdin.Write(Go);
        }
        catch (IOException)
        {
            // The stub is gone already (killed from outside while held): its end is seen as the leader's exit.
        }
    }

    private async Task<StopReason> WaitForExitOrStopAsync(TimeSpan timeout, CancellationToken cancel)
    {
        using var timedOut = RunDeadline.After(timeout, _context.Time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timedOut.Token, cancel);
        try
        {
            await _leaderExit.WaitAsync(stop.Token).ConfigureAwait(false);
            return StopReason.None;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return cancel.IsCancellationRequested ? StopReason.Cancel : StopReason.Timeout;
        }
    }

    /// <summary>The exit code from CliWrap, once the output is read to its end, or cut off after <see cref="DrainLimit"/>.</summary>
    private async Task<int> CollectExitCodeAsync()
    {
        using (_stopReading)
        {
            _stopReading.CancelAfter(DrainLimit);
            return (await _execution.Task.ConfigureAwait(false)).ExitCode;
        }
    }

    private enum StopReason
    {
        None,
        Timeout,
        Cancel,
    }
}
