using System.Text.Json;

namespace Scheduler.Tests.Cli;

public sealed class NextCommandTests
{
    [Fact]
    public void The_json_format_gives_utc_local_and_the_dst_note()
    {
        using var project = new TempSchedules();

        var run = CliRun.Invoke(project.Root, "next", "--cron", "30 2 * * *", "--timezone", "Europe/Berlin", "--from", "2026-10-24T12:00:00Z", "--count", "2", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            """[{"utc":"2026-10-25T00:30:00Z","local":"2026-10-25T02:30:00+02:00","note":"dst-repeated-hour"},{"utc":"2026-10-26T01:30:00Z","local":"2026-10-26T02:30:00+01:00","note":null}]""" + "\n",
            run.Out);
    }

    [Fact]
    public void A_slot_in_the_spring_forward_gap_is_shown_shifted_with_its_note()
    {
        using var project = new TempSchedules();

        var run = CliRun.Invoke(project.Root, "next", "--cron", "30 2 * * *", "--timezone", "Europe/Berlin", "--from", "2027-03-27T12:00:00Z", "--count", "1", "--format", "json");

        Assert.Equal("""[{"utc":"2027-03-28T01:00:00Z","local":"2027-03-28T03:00:00+02:00","note":"dst-gap-shifted"}]""" + "\n", run.Out);
    }

    [Fact]
    public void A_task_is_found_by_id_and_its_slots_are_printed_in_its_zone_and_utc()
    {
        using var project = new TempSchedules().With("backups/nightly-db.yaml", """
            schedule: { daily: "02:30", timezone: Europe/Berlin }
            shell: echo backup
            """);

        var run = CliRun.Invoke(project.Root, "next", "backups/nightly-db", "--from", "2027-03-26T12:00:00Z", "--count", "3");

        Assert.Equal(0, run.ExitCode);
        Snapshot.Match(run.Out, "next-text.txt");
    }

    [Fact]
    public void A_task_file_path_works_like_its_id()
    {
        using var project = new TempSchedules().With("hourly.yml", "schedule: \"0 * * * *\"\nshell: x\n");

        var byPath = CliRun.Invoke(project.Root, "next", "schedules/hourly.yml", "--count", "2", "--format", "json");
        var byId = CliRun.Invoke(project.Root, "next", "hourly", "--count", "2", "--format", "json");

        Assert.Equal(0, byPath.ExitCode);
        Assert.Equal(byId.Out, byPath.Out);
        Assert.Equal(2, JsonDocument.Parse(byPath.Out).RootElement.GetArrayLength());
    }

    [Fact]
    public void Slots_start_from_now_when_no_from_is_given()
    {
        using var project = new TempSchedules();

        var run = CliRun.Invoke(project.Root, "next", "--cron", "0 * * * *", "--count", "1", "--format", "json");

        Assert.Equal("""[{"utc":"2026-11-23T13:00:00Z","local":"2026-11-23T13:00:00+00:00","note":null}]""" + "\n", run.Out);
    }

    [Fact]
    public void A_manual_task_has_no_slots()
    {
        using var project = new TempSchedules().With("m.yaml", "schedule: { manual: true }\nshell: x\n");

        Assert.Equal("[]\n", CliRun.Invoke(project.Root, "next", "m", "--format", "json").Out);
        Assert.Contains("No scheduled slots", CliRun.Invoke(project.Root, "next", "m").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_task_exits_1_with_its_diagnostics()
    {
        using var project = new TempSchedules().With("bad.yaml", "schedule: \"0 0 30 2 *\"\nshell: x\n");

        var run = CliRun.Invoke(project.Root, "next", "bad");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("schedules/bad.yaml:1:11: error SCH013:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_cron_exits_1()
    {
        using var project = new TempSchedules();

        var run = CliRun.Invoke(project.Root, "next", "--cron", "61 * * * *");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("minutes must be 0-59", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-task", "there is no task 'no-such-task' in schedules; did you mean")]
    [InlineData("--cron", "0 * * * *", "--timezone", "Mars/Base", "is not a known IANA time zone")]
    [InlineData("--cron", "0 * * * *", "--from", "yesterday", "--from 'yesterday' is not an instant")]
    [InlineData("--cron", "0 * * * *", "--count", "0", "--count 0 is out of range")]
    [InlineData("hourly", "--cron", "0 * * * *", "either a task")]
    public void What_cannot_run_exits_2_with_the_reason(params string[] argsAndMessage)
    {
        using var project = new TempSchedules().With("hourly.yaml", "schedule: \"0 * * * *\"\nshell: x\n");

        var run = CliRun.Invoke(project.Root, ["next", .. argsAndMessage[..^1]]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(argsAndMessage[^1], run.Error, StringComparison.Ordinal);
    }
}
