using System.Text.Json;
using Scheduler.Tests.Cli;

namespace Scheduler.Tests.Plan;

public sealed class PlanCommandTests
{
    [Fact]
    public void A_change_in_the_working_tree_is_planned_against_the_base_in_text()
    {
        using var repository = PlanTasks.Base().WithChange();

        var run = CliRun.Invoke(repository.Root, "plan", "--base", "main");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Snapshot.Match(run.Out, "plan-text.txt");
    }

    [Fact]
    public void The_markdown_format_is_a_job_summary_with_tables_and_folded_slots()
    {
        using var repository = PlanTasks.Base().WithChange();

        var run = CliRun.Invoke(repository.Root, "plan", "--base", "main", "--format", "markdown");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("## Scheduler plan\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("| schedule | `cron 30 2 * * * (UTC)` | `daily 03:15 (Europe/Berlin)` |", run.Out, StringComparison.Ordinal);
        Snapshot.Match(run.Out, "plan-markdown.md");
    }

    [Fact]
    public void Both_revisions_may_be_commits_and_the_working_tree_is_then_ignored()
    {
        using var repository = PlanTasks.Base().WithChange();
        var head = repository.Commit("Change tasks");
        repository.Write("schedules/backups/nightly-db.yaml", PlanTasks.Broken); // uncommitted, so not part of --head

        var run = CliRun.Invoke(repository.Root, "plan", "--base", "main", "--head", head[..10], "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("main", root.GetProperty("base").GetString());
        Assert.Equal(head[..10], root.GetProperty("head").GetString());
        Assert.Equal(head, root.GetProperty("headCommit").GetString());
        Assert.True(root.GetProperty("valid").GetBoolean());
        Assert.Equal(["checks/ping", "reports/weekly"], Ids(root.GetProperty("added")));
        Assert.Equal(["backups/nightly-db"], Ids(root.GetProperty("changed")));
        Assert.Equal(["reports/old"], Ids(root.GetProperty("removed")));
    }

    [Fact]
    public void The_json_format_has_the_pinned_shape()
    {
        using var repository = PlanTasks.Base().WithChange();

        var run = CliRun.Invoke(repository.Root, "plan", "--base", "main", "--format", "json", "--count", "2");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(
            ["base", "baseCommit", "head", "headCommit", "valid", "added", "changed", "removed", "invalid", "warnings", "diagnostics"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("head").ValueKind); // the working tree
        Assert.Equal(40, root.GetProperty("baseCommit").GetString()!.Length);

        var changed = Assert.Single(root.GetProperty("changed").EnumerateArray());
        Assert.Equal("backups/nightly-db", changed.GetProperty("id").GetString());
        Assert.Equal("schedules/backups/nightly-db.yaml", changed.GetProperty("file").GetString());
        Assert.Equal(
            """[{"field":"schedule","old":"cron 30 2 * * * (UTC)","new":"daily 03:15 (Europe/Berlin)"},{"field":"timeout","old":"1h","new":"30m"},{"field":"env.DB_URL","old":null,"new":"*** (from-env APP_DB_URL)"},{"field":"command","old":"[\"backup\"]","new":"[\"backup\",\"--full\"]"}]""",
            changed.GetProperty("fields").GetRawText());
        Assert.Equal(
            """[{"utc":"2026-11-24T02:15:00Z","local":"2026-11-24T03:15:00+01:00","note":null},{"utc":"2026-11-25T02:15:00Z","local":"2026-11-25T03:15:00+01:00","note":null}]""",
            changed.GetProperty("next").GetRawText());

        var added = root.GetProperty("added").EnumerateArray().Single(a => a.GetProperty("id").GetString() == "reports/weekly");
        Assert.Contains(added.GetProperty("fields").EnumerateArray(),
            f => f.GetProperty("field").GetString() == "http.method" && f.GetProperty("old").ValueKind == JsonValueKind.Null && f.GetProperty("new").GetString() == "POST");
        Assert.Equal("""[{"id":"reports/old","file":"schedules/reports/old.yaml"}]""", root.GetProperty("removed").GetRawText());
        Assert.Equal("[]", root.GetProperty("diagnostics").GetRawText());
    }

    [Fact]
    public void Uncommitted_and_untracked_edits_in_the_working_tree_are_the_head()
    {
        using var repository = PlanTasks.Base();
        repository.Write("schedules/heartbeat.yaml", PlanTasks.Heartbeat.Replace("5m", "10m", StringComparison.Ordinal))
            .Write("schedules/new-task.yaml", PlanTasks.Heartbeat);

        var run = CliRun.Invoke(repository.Root, "plan", "--base", "main", "--count", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 added, 1 changed, 0 removed", run.Out, StringComparison.Ordinal);
        Assert.Contains("      schedule: every 5m → every 10m\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("  + new-task  schedules/new-task.yaml\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_head_exits_1_and_prints_the_diagnostics_as_validate_does()
    {
        using var repository = PlanTasks.Base();
        repository.Write("schedules/backups/nightly-db.yaml", PlanTasks.Broken).Write("schedules/reports/weekly.yaml", PlanTasks.Weekly);

        var run = CliRun.Invoke(repository.Root, "plan", "--base", "main");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(
            "schedules/backups/nightly-db.yaml:3:9: error SCH012: schedule.cron: '61 2 * * *' is not a valid cron expression",
            run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("reports/old  ", run.Out, StringComparison.Ordinal); // still there, unchanged
        Snapshot.Match(run.Out, "plan-invalid-text.txt");
    }

    [Fact]
    public void An_invalid_head_in_markdown_lists_the_errors_in_a_code_block()
    {
        using var repository = PlanTasks.Base();
        repository.Write("schedules/backups/nightly-db.yaml", PlanTasks.Broken);

        var run = CliRun.Invoke(repository.Root, "plan", "--base", "main", "--format", "markdown");

        Assert.Equal(1, run.ExitCode);
        Snapshot.Match(run.Out, "plan-invalid-markdown.md");
    }

    [Fact]
    public void An_invalid_head_in_json_carries_validate_shaped_diagnostics()
    {
        using var repository = PlanTasks.Base();
        repository.Write("schedules/backups/nightly-db.yaml", PlanTasks.Broken);

        var run = CliRun.Invoke(repository.Root, "plan", "--base", "main", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.False(root.GetProperty("valid").GetBoolean());
        Assert.Equal("""[{"id":"backups/nightly-db","file":"schedules/backups/nightly-db.yaml"}]""", root.GetProperty("invalid").GetRawText());
        var diagnostic = Assert.Single(root.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(["file", "line", "column", "severity", "code", "message", "hint"], diagnostic.EnumerateObject().Select(p => p.Name));
        Assert.Equal("SCH012", diagnostic.GetProperty("code").GetString());
        Assert.Empty(root.GetProperty("removed").EnumerateArray()); // an invalid file does not retire its task
    }

    [Fact]
    public void Warnings_name_a_schedule_firing_every_second_and_a_task_firing_within_the_hour()
    {
        using var repository = PlanTasks.Base();
        repository.Write("schedules/tick.yaml", "schedule: \"* * * * * *\"\nshell: echo tick\n")
            .Write("schedules/lunch.yaml", "schedule: \"45 12 * * *\"\nshell: echo lunch\n")
            .Write("schedules/evening.yaml", "schedule: \"0 18 * * *\"\nshell: echo evening\n");

        var run = CliRun.Invoke(repository.Root, "plan", "--base", "main", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var warnings = json.RootElement.GetProperty("warnings").EnumerateArray()
            .Select(w => $"{w.GetProperty("id").GetString()} {w.GetProperty("kind").GetString()}")
            .ToList();
        Assert.Equal(["lunch fires-soon", "tick fires-often", "tick fires-soon"], warnings);
        var lunch = json.RootElement.GetProperty("warnings")[0].GetProperty("message").GetString();
        Assert.Equal("fires within the hour after merge: next at 2026-11-23T12:45:00Z, 45m from now.", lunch);
    }

    [Fact]
    public void Next_slots_carry_daylight_saving_notes_and_validate_warnings_do_not_fail_the_plan()
    {
        using var repository = PlanTasks.Base();
        repository.Write("schedules/sunday.yaml", "schedule: { weekly: { days: [sun], at: \"02:30\" }, timezone: Europe/Berlin }\nshell: x\n");

        var json = CliRun.Invoke(repository.Root, "plan", "--base", "main", "--format", "json", "--count", "20");
        var text = CliRun.Invoke(repository.Root, "plan", "--base", "main", "--count", "20");

        Assert.Equal(0, json.ExitCode);
        Assert.Contains("""{"utc":"2027-03-28T01:00:00Z","local":"2027-03-28T03:00:00+02:00","note":"dst-gap-shifted"}""", json.Out, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"SCH100\"", json.Out, StringComparison.Ordinal);
        Assert.Contains("        Sun 2027-03-28 03:00:00 +02:00   2027-03-28T01:00:00Z  (moved: its local time does not exist on this day, DST gap)\n", text.Out, StringComparison.Ordinal);
        Assert.Contains("\nWarnings from validate:\nschedules/sunday.yaml:1:", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_base_revision_exits_2()
    {
        using var repository = PlanTasks.Base();

        var run = CliRun.Invoke(repository.Root, "plan", "--base", "origin/main");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith("error: --base 'origin/main' is not a revision of this repository", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_outside_any_repository_exits_2()
    {
        using var folder = new TempSchedules();

        var run = CliRun.Invoke(folder.Root, "plan", "--base", "main");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not in a git repository", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--count", "0")]
    [InlineData("--schedules-path", "../elsewhere")]
    [InlineData("--schedules-path", "tasks")]
    [InlineData("--format", "yaml")]
    public void Bad_flags_exit_2(string flag, string value)
    {
        using var repository = PlanTasks.Base();

        var run = CliRun.Invoke(repository.Root, "plan", "--base", "main", flag, value);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_has_help()
    {
        var run = CliRun.Invoke(Path.GetTempPath(), "plan", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--base <base> (REQUIRED)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_base_is_required()
    {
        using var repository = PlanTasks.Base();

        var run = CliRun.Invoke(repository.Root, "plan");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--base", run.Error, StringComparison.Ordinal);
    }

    private static string[] Ids(JsonElement items) => [.. items.EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
}
