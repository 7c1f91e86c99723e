using System.Runtime.InteropServices;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Handlers.Processes;

namespace Scheduler.Engine.Tests.Handlers;

/// <summary>
/// A run's process started ahead of its slot and held by the exec stub before its program: released, it runs as a run
/// started at once does (own group, merged output, timeout from the release); abandoned, nothing of it is left.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrestartTests : IDisposable
{
    private static readonly bool StubExpected = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_prestarted_shell_run_waits_in_the_stub_until_released_then_its_script_runs_in_the_same_process()
    {
        var pidFile = _folder.File("script.pid");
        var context = HandlerRuns.Context(HandlerRuns.Task(new ShellHandler($"echo $$ > '{pidFile}'; echo ran")));

        var held = Prestart(new ShellRunHandler(), context);
        if (held is null)
        {
            return;
        }

        Assert.Contains("scheduler-exec-stub", Executable(held.ProcessId), StringComparison.Ordinal);
        Assert.False(File.Exists(pidFile), "the script ran before its release");
        var outcome = await held.RunAsync(CancellationToken.None);

        Assert.Equal(HandlerOutcome.Succeeded(), outcome);
        Assert.Equal("ran\n", context.Output.ToText());
        Assert.Equal(held.ProcessId, await Processes.ReadPidFileAsync(pidFile, TimeSpan.Zero));
        Assert.True(Processes.IsGone(held.ProcessId), "the run's process is left after its end");
    }

    [Fact]
    public async Task A_prestarted_run_abandoned_before_its_slot_never_runs_its_program_and_leaves_no_process()
    {
        var marker = _folder.File("ran");
        var context = HandlerRuns.Context(HandlerRuns.Task(new CommandHandler(["touch", marker])));

        var held = Prestart(new CommandRunHandler(), context);
        if (held is null)
        {
            return;
        }

        await held.AbandonAsync();

        Assert.True(Processes.IsGone(held.ProcessId), $"the held process {held.ProcessId} is left, or a zombie");
        Assert.False(File.Exists(marker), "the program ran though the run was abandoned");
        Assert.Equal("", context.Output.ToText());
    }

    [Fact]
    public async Task A_prestarted_run_leads_its_own_group_merges_stderr_into_stdout_and_counts_its_timeout_from_the_release()
    {
        var time = new FakeTimeProvider(HandlerRuns.Slot.AddSeconds(-1));
        var script = "read -r stat < /proc/$$/stat; set -- $stat; echo \"$1 $5\"; echo err >&2; echo out";
        var context = HandlerRuns.Context(HandlerRuns.Task(new ShellHandler(script), timeout: TimeSpan.FromSeconds(1)), time);

        var held = Prestart(new ShellRunHandler(), context);
        if (held is null)
        {
            return;
        }

        time.Advance(TimeSpan.FromSeconds(5)); // longer than the timeout, all of it before the release
        var outcome = await held.RunAsync(CancellationToken.None);

        Assert.Equal(HandlerOutcome.Succeeded(), outcome);
        Assert.Equal($"{held.ProcessId} {held.ProcessId}\nerr\nout\n", context.Output.ToText());
    }

    [Fact]
    public async Task A_prestarted_run_whose_cancel_came_before_its_release_is_cancelled_and_its_process_ended_unstarted()
    {
        var marker = _folder.File("ran");
        var context = HandlerRuns.Context(HandlerRuns.Task(new CommandHandler(["touch", marker])));
        using var cancel = new CancellationTokenSource();

        var held = Prestart(new CommandRunHandler(), context);
        if (held is null)
        {
            return;
        }

        await cancel.CancelAsync();
        var outcome = await held.RunAsync(cancel.Token);

        Assert.Equal(new HandlerOutcome(RunStatus.Cancelled, Error: "cancelled before it started"), outcome);
        Assert.True(Processes.IsGone(held.ProcessId), $"the held process {held.ProcessId} is left, or a zombie");
        Assert.False(File.Exists(marker), "the program ran though the run was cancelled");
    }

    [Fact]
    public void A_program_that_cannot_be_found_is_not_held_so_the_run_reports_it_when_it_starts()
    {
        var context = HandlerRuns.Context(HandlerRuns.Task(new CommandHandler(["no-such-program-xyz"])));

        Assert.Null(((IPrestartingHandler)new CommandRunHandler()).Prestart(context));
    }

    /// <summary>The run's held process; null (and the test has nothing to check) off Linux x86-64, where no stub holds it.</summary>
    private static RunProcess? Prestart(IPrestartingHandler handler, RunContext context)
    {
        var held = handler.Prestart(context);
        Assert.Equal(StubExpected, held is not null);
        return (RunProcess?)held;
    }

    private static string Executable(int pid) => new FileInfo($"/proc/{pid}/exe").LinkTarget ?? "";
}
