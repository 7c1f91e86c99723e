using System.Diagnostics;

namespace Scheduler.Tests.Cli;

/// <summary><c>scheduler run</c>: one run in the foreground, as serve would run it, with no store.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public void The_output_is_streamed_and_the_exit_code_is_the_runs()
    {
        using var project = new TempSchedules().With("demo.yaml", """
            schedule: { manual: true }
            env: { GREETING: hi }
            shell: |
              echo "$GREETING from {{ task.id }} for $SCHEDULER_SLOT"
              echo oops >&2
              exit 3
            """);

        var run = CliRun.Invoke(project.Root, "run", "demo", "--slot", "2026-10-25T00:30:00Z");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("hi from demo for 2026-10-25T00:30:00Z\noops\n", run.Out);
        Assert.Contains("run of demo: failed: exited with code 3", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_that_times_out_exits_124()
    {
        using var project = new TempSchedules().With("slow.yaml", "schedule: { manual: true }\ntimeout: 1s\nkill-grace: 200ms\ncommand: [sleep, \"30\"]\n");

        var watch = Stopwatch.StartNew();
        var run = CliRun.Invoke(project.Root, "run", "slow");

        Assert.Equal(124, run.ExitCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Contains("timed out after 1s", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dry_run_prints_the_rendered_run_and_runs_nothing()
    {
        using var project = new TempSchedules().With("backup.yaml", """
            schedule: "30 2 * * *"
            working-directory: ./data
            command: ["touch", "backup-{{ run.slot }}.db"]
            """);

        var run = CliRun.Invoke(project.Root, "run", "backup", "--dry-run", "--slot", "2026-10-25T00:30:00Z");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("argv:\n  touch\n  backup-2026-10-25T00:30:00Z.db\n", run.Out, StringComparison.Ordinal);
        Assert.Contains($"working directory: {Path.Combine(project.Root, "data")}\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("  SCHEDULER_TRIGGER=manual\n", run.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(project.Root, "data")));
    }

    [Fact]
    public void An_invalid_task_exits_1_and_an_unknown_one_2()
    {
        using var project = new TempSchedules().With("bad.yaml", "schedule: \"61 * * * *\"\nshell: x\n");

        var invalid = CliRun.Invoke(project.Root, "run", "bad");
        var unknown = CliRun.Invoke(project.Root, "run", "nope");

        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("schedules/bad.yaml:1:11: error SCH012", invalid.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
    }

    [Fact]
    public async Task Ctrl_c_stops_the_whole_process_tree_and_exits_130()
    {
        using var project = new TempSchedules();
        var pidFile = Path.Combine(project.Root, "child.pid");
        project.With("tree.yaml", $"schedule: {{ manual: true }}\nkill-grace: 500ms\nshell: \"sh -c 'echo $$ > {pidFile}; exec sleep 60' & wait\"\n");
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "scheduler.dll"), "run", "tree"])
        {
            WorkingDirectory = project.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!File.Exists(pidFile) || File.ReadAllText(pidFile).Trim().Length == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the task never started its child");
            await Task.Delay(50);
        }

        var child = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using (var signal = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(wait.Token);

        Assert.Equal(130, process.ExitCode);
        Assert.False(IsAlive(child), $"the child {child} outlived its run");
    }

    private static bool IsAlive(int pid)
    {
        var status = $"/proc/{pid}/status";
        return File.Exists(status) && !File.ReadAllText(status).Contains("State:\tZ", StringComparison.Ordinal);
    }
}
