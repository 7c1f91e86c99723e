using System.Diagnostics;

namespace Scheduler.Tests.Cli;

/// <summary>
/// <c>Scheduler:Runs:ExecStub</c>: by default a run starts through the in-memory exec stub (its own process group, in
/// the scheduler's session); set to false it starts through setsid and sh (a session of its own), for hosts whose
/// security tools forbid executing from a memfd. Each case is its own process: the choice is process-wide.
/// </summary>
public sealed class ExecStubSettingTests
{
    // The run's shell prints whether it leads a session: field 6 of /proc/PID/stat is the session id.
    private const string Task = """
        schedule: { manual: true }
        shell: |
          set -- $(cut -d' ' -f6 /proc/$$/stat)
          if [ "$1" = "$$" ]; then echo "session leader"; else echo "group leader only"; fi
        """;

    [Fact]
    public async Task By_default_a_run_leads_its_own_group_in_the_scheduler_session()
    {
        using var project = new TempSchedules().With("where.yaml", Task);

        var (exit, output, error) = await RunAsync(project.Root, execStub: null);

        Assert.True(exit == 0, error);
        Assert.Equal("group leader only\n", output);
    }

    [Fact]
    public async Task Turned_off_a_run_starts_through_setsid_and_leads_a_session_of_its_own()
    {
        using var project = new TempSchedules().With("where.yaml", Task);

        var (exit, output, error) = await RunAsync(project.Root, execStub: "false");

        Assert.True(exit == 0, error);
        Assert.Equal("session leader\n", output);
    }

    [Fact]
    public async Task A_value_that_is_not_true_or_false_stops_with_the_setting_the_value_and_the_fix()
    {
        using var project = new TempSchedules().With("where.yaml", Task);

        var (exit, output, error) = await RunAsync(project.Root, execStub: "nope");

        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.Contains("Scheduler:Runs:ExecStub: 'nope' is not true or false; set it to false", error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string root, string? execStub)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "scheduler.dll"), "run", "where"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (execStub is not null)
        {
            start.Environment["Scheduler__Runs__ExecStub"] = execStub;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(wait.Token);
        return (process.ExitCode, await output, await error);
    }
}
