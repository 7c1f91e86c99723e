using System.Diagnostics;
using System.Runtime.InteropServices;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;
using Scheduler.Engine.Tests.Handlers;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// A <c>shell</c> run claimed ahead of its slot has its process started then, held by the exec stub before its script:
/// the test clock's slot releases it; a cancel before the slot kills it unstarted. Real processes, the test clock.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrestartEngineTests : IDisposable
{
    private static readonly bool StubExpected = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_run_claimed_ahead_has_its_process_held_before_the_slot_and_its_script_runs_in_that_process_at_the_slot()
    {
        var pidFile = _folder.File("script.pid");
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync(handler: new ShellRunHandler());
        await h.ApplyAsync("prestart/released", $"schedule: \"* * * * *\"\nshell: echo $$ > '{pidFile}'");

        h.Clock.Advance(TimeSpan.FromSeconds(29.7)); // 11:59:59.7: the 12:00 run is claimed ahead
        var held = await HeldProcessAsync("prestart/released");
        Assert.False(File.Exists(pidFile), "the script ran before its slot");

        h.Clock.Advance(TimeSpan.FromSeconds(0.3));
        var run = Assert.Single(await h.WaitForRunsAsync("prestart/released", r => r.Count == 1 && r[0].Status == RunStatus.Succeeded, "the run to succeed"));

        Assert.Equal(EngineHarness.DefaultStart.AddSeconds(30), run.SlotUtc);
        if (StubExpected)
        {
            Assert.Equal(held, await Processes.ReadPidFileAsync(pidFile, TimeSpan.Zero));
            Assert.True(Processes.IsGone(held!.Value), "the run's process is left after its end");
        }
    }

    [Fact]
    public async Task A_run_cancelled_between_its_claim_ahead_and_its_slot_has_its_held_process_killed_and_its_script_never_runs()
    {
        var marker = _folder.File("ran");
        await using var h = await EngineHarness.CreateAsync();
        await h.StartEngineAsync(handler: new ShellRunHandler());
        await h.ApplyAsync("prestart/cancelled", $"schedule: \"* * * * *\"\nshell: touch '{marker}'");

        h.Clock.Advance(TimeSpan.FromSeconds(29.7));
        var claimed = Assert.Single(await h.WaitForRunsAsync("prestart/cancelled", r => r.Count == 1, "the 12:00 run to be claimed ahead"));
        var held = await HeldProcessAsync("prestart/cancelled");
        await h.Engine.CancelAsync(claimed.Id);
        var cancelled = await h.WaitForStatusAsync(claimed.Id, RunStatus.Cancelled);

        h.Clock.Advance(TimeSpan.FromSeconds(0.3)); // the slot comes: nothing is released
        await h.SettleAsync();

        Assert.Equal("cancelled on request", cancelled.Error);
        Assert.Single(await h.RunsOfAsync("prestart/cancelled"));
        Assert.False(File.Exists(marker), "the script ran though its run was cancelled before its slot");
        Assert.True(held is null || Processes.IsGone(held.Value), $"the held process {held} is left, or a zombie");
    }

    /// <summary>
    /// The pid of the exec stub holding the task's run (found by its environment), once started (real time, bounded);
    /// null off Linux x86-64, where nothing is held.
    /// </summary>
    private static async Task<int?> HeldProcessAsync(string taskId)
    {
        if (!StubExpected)
        {
            return null;
        }

        var clock = Stopwatch.StartNew();
        while (true)
        {
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(directory), out var pid) && IsStubOf(pid, taskId))
                {
                    return pid;
                }
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"no held process of '{taskId}' appeared");
            await Task.Delay(20);
        }
    }

    private static bool IsStubOf(int pid, string taskId)
    {
        try
        {
            return (new FileInfo($"/proc/{pid}/exe").LinkTarget ?? "").Contains("scheduler-exec-stub", StringComparison.Ordinal)
                && File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains($"{RunEnvironment.TaskId}={taskId}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // not ours, or gone meanwhile
        }
    }
}
