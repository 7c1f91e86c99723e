using System.Diagnostics;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Handlers.Processes;

namespace Scheduler.Engine.Tests.Handlers;

/// <summary>No process outlives its run: timeouts, cancels and children left behind, with real process trees.</summary>
public sealed class ProcessTreeTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);

    private readonly CommandRunHandler _command = new();
    private readonly ShellRunHandler _shell = new();
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_timeout_kills_a_TERM_ignoring_process_and_its_TERM_ignoring_child_after_the_grace()
    {
        var pidFile = _folder.File("child.pid");
        var timeout = TimeSpan.FromSeconds(2);
        var task = HandlerRuns.Task(TestProgram.Command("spawn-child-ignoring-term", pidFile), timeout: timeout, killGrace: Grace);
        var context = HandlerRuns.Context(task);
        var clock = Stopwatch.StartNew();

        var outcome = await _command.RunAsync(context, CancellationToken.None);

        clock.Stop();
        Assert.Equal(new HandlerOutcome(RunStatus.TimedOut, 124, "timed out after 2s"), outcome);
        Assert.InRange(clock.Elapsed, timeout + Grace, timeout + Grace + TimeSpan.FromSeconds(2));
        var child = await Processes.ReadPidFileAsync(pidFile, TimeSpan.Zero);
        Assert.True(Processes.IsGone(child), $"the child {child} survived its run");
        Assert.Contains("spawned; sleeping", context.Output.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancel_stops_the_whole_tree_and_reports_cancelled()
    {
        var pidFile = _folder.File("child.pid");
        var task = HandlerRuns.Task(TestProgram.Command("spawn-child", pidFile), timeout: TimeSpan.FromSeconds(30), killGrace: TimeSpan.FromSeconds(10));
        using var cancel = new CancellationTokenSource();

        var run = _command.RunAsync(HandlerRuns.Context(task), cancel.Token);
        var child = await Processes.ReadPidFileAsync(pidFile, TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        var outcome = await run;

        // Both honour TERM, so the run ends long before the 10 s grace.
        Assert.Equal(RunStatus.Cancelled, outcome.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {clock.Elapsed}");
        Assert.True(Processes.IsGone(child), $"the child {child} survived its run");
    }

    [Fact]
    public async Task A_background_child_holding_stdout_does_not_keep_the_run_alive_and_does_not_survive_it()
    {
        var pidFile = _folder.File("child.pid");
        var task = HandlerRuns.Task(TestProgram.Command("spawn-background", pidFile), timeout: TimeSpan.FromSeconds(30), killGrace: Grace);
        var context = HandlerRuns.Context(task);
        var clock = Stopwatch.StartNew();

        var outcome = await _command.RunAsync(context, CancellationToken.None);

        Assert.Equal(HandlerOutcome.Succeeded(), outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the run took {clock.Elapsed}");
        var child = await Processes.ReadPidFileAsync(pidFile, TimeSpan.Zero);
        Assert.True(Processes.IsGone(child), $"the child {child} survived its run");
        Assert.Contains("spawned; exiting", context.Output.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shell_job_left_in_the_background_is_killed_when_the_script_exits()
    {
        var pidFile = _folder.File("sleep.pid");
        var task = HandlerRuns.Task(new ShellHandler($"sleep 1000 & echo $! > '{pidFile}'; echo done"), killGrace: Grace);
        var context = HandlerRuns.Context(task);
        var clock = Stopwatch.StartNew();

        var outcome = await _shell.RunAsync(context, CancellationToken.None);

        Assert.Equal(HandlerOutcome.Succeeded(), outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the run took {clock.Elapsed}");
        Assert.Equal("done\n", context.Output.ToText());
        var sleep = await Processes.ReadPidFileAsync(pidFile, TimeSpan.Zero);
        Assert.True(Processes.IsGone(sleep), $"sleep {sleep} survived its run");
    }

    [Fact]
    public async Task A_process_that_leaves_the_group_cannot_hold_the_run_open()
    {
        // A daemon that calls setsid itself is out of reach of the group signals (a known limit); it must at least
        // not keep the run waiting for the end of its output.
        var pidFile = _folder.File("escaped.pid");
        var task = HandlerRuns.Task(new ShellHandler($"setsid sleep 30 & echo $! > '{pidFile}'; echo done; exit 5"), killGrace: Grace);
        var clock = Stopwatch.StartNew();

        var outcome = await _shell.RunAsync(HandlerRuns.Context(task), CancellationToken.None);

        var escaped = await Processes.ReadPidFileAsync(pidFile, TimeSpan.Zero);
        PosixNative.Signal(escaped, PosixNative.SIGKILL);
        Assert.Equal(HandlerOutcome.Failed("exited with code 5", 5), outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the run took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_run_cancelled_before_it_starts_starts_nothing()
    {
        var outcome = await _command.RunAsync(HandlerRuns.Context(HandlerRuns.Task(TestProgram.Command("exit", "0"))), new CancellationToken(canceled: true));

        Assert.Equal(RunStatus.Cancelled, outcome.Status);
    }
}
