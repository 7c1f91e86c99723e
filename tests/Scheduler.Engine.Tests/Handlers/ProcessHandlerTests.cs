using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Tests.Handlers;

/// <summary>command and shell runs of the real dummy program: exit codes, environment, arguments, output, working directory.</summary>
public sealed class ProcessHandlerTests
{
    private readonly CommandRunHandler _command = new();
    private readonly ShellRunHandler _shell = new();

    [Theory]
    [InlineData(0, RunStatus.Succeeded, null)]
    [InlineData(3, RunStatus.Failed, "exited with code 3")]
    public async Task A_command_reports_its_exit_code(int code, RunStatus status, string? error)
    {
        var outcome = await _command.RunAsync(HandlerRuns.Context(HandlerRuns.Task(TestProgram.Command("exit", $"{code}"))), CancellationToken.None);

        Assert.Equal(new HandlerOutcome(status, code, error), outcome);
    }

    [Fact]
    public async Task Every_run_gets_the_scheduler_variables_and_the_task_env()
    {
        var task = HandlerRuns.Task(
            new ShellHandler("""for n in SCHEDULER_TASK_ID SCHEDULER_RUN_ID SCHEDULER_SLOT SCHEDULER_ATTEMPT SCHEDULER_TRIGGER BACKUP_DIR; do eval "echo $n=\$$n"; done"""),
            env: new Dictionary<string, string> { ["BACKUP_DIR"] = "./data/backups" });
        var context = HandlerRuns.Context(task, attempt: 2, trigger: RunTrigger.CatchUp, runId: 1234);

        var outcome = await _shell.RunAsync(context, CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal(
            """
            SCHEDULER_TASK_ID=backups/nightly-db
            SCHEDULER_RUN_ID=1234
            SCHEDULER_SLOT=2026-10-25T00:30:00Z
            SCHEDULER_ATTEMPT=2
            SCHEDULER_TRIGGER=catch-up
            BACKUP_DIR=./data/backups

            """,
            context.Output.ToText());
    }

    [Fact]
    public async Task Arguments_are_rendered_as_templates_and_reach_the_program_exactly()
    {
        var handler = TestProgram.Command("args", "{{ run.slot }}", "{{ task.id | string.replace '/' '-' }}-{{ run.attempt }}", "a b", "", "$HOME", "'single' \"double\"", @"back\slash\", "*");
        var context = HandlerRuns.Context(HandlerRuns.Task(handler));

        var outcome = await _command.RunAsync(context, CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal(
            """
            [2026-10-25T00:30:00Z]
            [backups-nightly-db-1]
            [a b]
            []
            [$HOME]
            ['single' "double"]
            [back\slash\]
            [*]

            """,
            context.Output.ToText());
    }

    [Fact]
    public async Task Stdout_and_stderr_arrive_interleaved_in_the_order_written()
    {
        var context = HandlerRuns.Context(HandlerRuns.Task(TestProgram.Command("interleave", "200")));

        await _command.RunAsync(context, CancellationToken.None);

        var expected = string.Concat(Enumerable.Range(1, 200).Select(i => $"line {i} {(i % 2 == 1 ? "out" : "err")}\n"));
        Assert.Equal(expected, context.Output.ToText());
        Assert.Equal(expected.Length, context.Output.TotalBytes);
    }

    [Fact]
    public async Task A_shell_script_is_a_template_run_by_sh()
    {
        var context = HandlerRuns.Context(HandlerRuns.Task(new ShellHandler("echo \"{{ task.id }} $SCHEDULER_ATTEMPT\" | tr a-z A-Z; echo oops >&2; exit 4")));

        var outcome = await _shell.RunAsync(context, CancellationToken.None);

        Assert.Equal(HandlerOutcome.Failed("exited with code 4", 4), outcome);
        Assert.Equal("BACKUPS/NIGHTLY-DB 1\noops\n", context.Output.ToText());
    }

    [Fact]
    public async Task A_shell_scripts_messages_keep_its_line_numbers_and_arrive_in_order_with_its_output()
    {
        var context = HandlerRuns.Context(HandlerRuns.Task(new ShellHandler("echo one\nnosuchprogram-xyz\necho two >&2\necho three")));

        var outcome = await _shell.RunAsync(context, CancellationToken.None);

        Assert.Equal(HandlerOutcome.Succeeded(), outcome);
        Assert.Equal("one\n/bin/sh: 2: nosuchprogram-xyz: not found\ntwo\nthree\n", context.Output.ToText());
    }

    [Fact]
    public async Task The_run_leads_its_own_process_group()
    {
        var context = HandlerRuns.Context(HandlerRuns.Task(TestProgram.Command("ids")));

        await _command.RunAsync(context, CancellationToken.None);

        // pid=X pgid=X: the exec stub's setpgid (or setsid) and the program's exec were in place, so signals to -pid
        // reach the run and only the run. (The session is the scheduler's through the stub, the run's own through setsid.)
        var ids = context.Output.ToText().Trim().Split(' ').Select(part => part.Split('=')[1]).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(ids[0], ids[1]);
    }

    [Fact]
    public async Task A_missing_program_fails_with_the_name_and_the_path_searched()
    {
        var task = HandlerRuns.Task(new CommandHandler(["nosuchprog", "x"]), env: new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" });

        var outcome = await _command.RunAsync(HandlerRuns.Context(task), CancellationToken.None);

        Assert.Equal(HandlerOutcome.Failed("'nosuchprog' was not found (PATH=/usr/bin:/bin)"), outcome);
    }

    [Fact]
    public async Task The_run_starts_in_the_working_directory()
    {
        using var folder = new TempFolder();
        var context = HandlerRuns.Context(HandlerRuns.Task(TestProgram.Command("pwd"), workingDirectory: folder.Path));

        var outcome = await _command.RunAsync(context, CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal(folder.Path + "\n", context.Output.ToText());
    }

    [Fact]
    public async Task A_missing_working_directory_fails_without_starting_anything()
    {
        using var folder = new TempFolder();
        var missing = folder.File("not-there");

        var outcome = await _command.RunAsync(HandlerRuns.Context(HandlerRuns.Task(TestProgram.Command("exit", "0"), workingDirectory: missing)), CancellationToken.None);

        Assert.Equal(RunStatus.Failed, outcome.Status);
        Assert.Equal($"the working directory '{missing}' does not exist ({missing}); create it or fix working-directory", outcome.Error);
    }

    [Fact]
    public async Task A_low_priority_run_and_what_it_starts_run_at_nice_10_in_the_idle_io_class()
    {
        // The priority is applied just after the process starts; the short pause lets the script's own `nice` and
        // `ionice` (children it forks, so they inherit) run after that, as a real task's work would.
        var task = HandlerRuns.Task(new ShellHandler("sleep 0.3; nice; ionice")) with { Priority = TaskPriority.Low };
        var context = HandlerRuns.Context(task);

        var outcome = await _shell.RunAsync(context, CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, outcome.Status);
        Assert.Equal("10\nidle\n", context.Output.ToText());
    }
}
