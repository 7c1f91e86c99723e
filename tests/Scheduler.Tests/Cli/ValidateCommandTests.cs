using System.Text.Json;

namespace Scheduler.Tests.Cli;

public sealed class ValidateCommandTests
{
    private const string Broken = """
        description: Nightly backup
        schedule:
          cron: "61 2 * * *"
          timzone: Europe/Berlin
        command: ["sqlite3", "app.db", ".backup {{ run.slots }}.db"]
        """;

    private const string Valid = """
        schedule: { daily: "03:15", timezone: Europe/Berlin }
        shell: echo ok
        """;

    [Fact]
    public void Valid_definitions_exit_0_with_a_summary()
    {
        using var project = new TempSchedules().With("ok.yaml", Valid);

        var run = CliRun.Invoke(project.Root, "validate");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("1 file checked: 1 valid task, 0 invalid files, 0 errors, 0 warnings.\n", run.Out);
    }

    [Fact]
    public void Invalid_definitions_exit_1_and_print_every_error_with_file_line_and_column()
    {
        using var project = new TempSchedules().With("backups/db.yaml", Broken).With("ok.yaml", Valid);

        var run = CliRun.Invoke(project.Root, "validate");

        Assert.Equal(1, run.ExitCode);
        Snapshot.Match(run.Out, "validate-text.txt");
    }

    [Fact]
    public void The_github_format_prints_workflow_annotations()
    {
        using var project = new TempSchedules().With("backups/db.yaml", Broken);

        var run = CliRun.Invoke(project.Root, "validate", "--format", "github");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("::error file=schedules/backups/db.yaml,line=3,col=9,title=SCH012::schedule.cron: '61 2 * * *' is not a valid cron expression", run.Out, StringComparison.Ordinal);
        Snapshot.Match(run.Out, "validate-github.txt");
    }

    [Fact]
    public void The_json_format_has_the_pinned_fields()
    {
        using var project = new TempSchedules().With("backups/db.yaml", Broken).With("ok.yaml", Valid);

        var run = CliRun.Invoke(project.Root, "validate", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(2, json.RootElement.GetProperty("files").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("tasks").GetInt32());
        var first = json.RootElement.GetProperty("diagnostics")[0];
        Assert.Equal(
            ["file", "line", "column", "severity", "code", "message", "hint"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("schedules/backups/db.yaml", first.GetProperty("file").GetString());
        Assert.Equal(3, first.GetProperty("line").GetInt32());
        Assert.Equal(9, first.GetProperty("column").GetInt32());
        Assert.Equal("error", first.GetProperty("severity").GetString());
        Assert.Equal("SCH012", first.GetProperty("code").GetString());
    }

    [Fact]
    public void Warnings_alone_exit_0()
    {
        using var project = new TempSchedules().With("berlin.yaml", """
            schedule: { daily: "02:30", timezone: Europe/Berlin }
            shell: echo ok
            """);

        var run = CliRun.Invoke(project.Root, "validate");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(
            "schedules/berlin.yaml:1:20: warning SCH100: schedule.daily: on 2027-03-28 02:30 does not exist in Europe/Berlin; it runs at 03:00.",
            run.Out, StringComparison.Ordinal);
        Assert.Contains("warning SCH101: schedule.daily: on 2027-10-31 02:30 occurs twice in Europe/Berlin; it runs once, at the first (+02:00).",
            run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_given_as_an_argument_is_shown_relative_to_the_current_directory()
    {
        using var project = new TempSchedules().With("x.yaml", "schedule: nope\nshell: x\n");

        var run = CliRun.Invoke(Path.Combine(project.Root, "schedules"), "validate", ".");

        Assert.StartsWith("x.yaml:1:11: error SCH012:", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_exits_2()
    {
        using var project = new TempSchedules();

        var run = CliRun.Invoke(project.Root, "validate", "nowhere");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("The schedules folder 'nowhere' does not exist", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate", "--format", "xml")]
    [InlineData("frobnicate")]
    [InlineData("next", "--count", "many")]
    public void Bad_arguments_exit_2(params string[] args)
    {
        using var project = new TempSchedules();

        var run = CliRun.Invoke(project.Root, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--help", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("next")]
    [InlineData("schema")]
    [InlineData("serve")]
    [InlineData("runs")]
    [InlineData("status")]
    [InlineData("run")]
    public void Every_command_has_help(string command)
    {
        using var project = new TempSchedules();

        var run = CliRun.Invoke(project.Root, command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        Assert.Contains(command, run.Out, StringComparison.Ordinal);
    }
}
