using System.Text.Json;
using Scheduler.Tests.Cli;

namespace Scheduler.Tests.Plan;

/// <summary>What <c>plan</c>, <c>validate</c> and <c>next</c> say about chains and jitter, run as the CLI runs.</summary>
public sealed class PlanChainTests
{
    private const string Verify = "schedule: { after: backups/nightly-db }\nshell: ./verify.sh\n";

    [Fact]
    public void An_added_chained_task_says_whom_it_follows_and_when_that_one_runs_next()
    {
        using var repository = PlanTasks.Base();
        repository.Write("schedules/backups/verify.yaml", Verify);

        var text = CliRun.Invoke(repository.Root, "plan", "--base", "main");
        var json = CliRun.Invoke(repository.Root, "plan", "--base", "main", "--format", "json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("  + backups/verify  schedules/backups/verify.yaml\n", text.Out, StringComparison.Ordinal);
        Assert.Contains(
            "      No slots of its own. Runs after backups/nightly-db (next backups/nightly-db slot 2026-11-24T02:30:00Z).\n", text.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Out);
        var added = Assert.Single(document.RootElement.GetProperty("added").EnumerateArray());
        Assert.Equal("Runs after backups/nightly-db (next backups/nightly-db slot 2026-11-24T02:30:00Z).", added.GetProperty("after").GetString());
    }

    [Fact]
    public void A_changed_chain_is_a_change_of_the_schedule_field()
    {
        using var repository = PlanTasks.Base();
        var before = repository.Write("schedules/backups/verify.yaml", Verify).Commit("Verify after the backup");
        repository.Write("schedules/backups/verify.yaml", "schedule: { after: [backups/nightly-db, heartbeat], on: finished, wait-for: all }\nshell: ./verify.sh\n");

        var plan = CliRun.Invoke(repository.Root, "plan", "--base", before);

        Assert.Equal(0, plan.ExitCode);
        Assert.Contains(
            "      schedule: after backups/nightly-db (on success) → after backups/nightly-db, heartbeat (on finished, wait for all)\n", plan.Out, StringComparison.Ordinal);
        Assert.Contains("Runs after backups/nightly-db (next backups/nightly-db slot 2026-11-24T02:30:00Z), heartbeat (next heartbeat slot 2026-11-23T12:05:00Z) on finished, waiting for all.", plan.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_task_another_one_follows_keeps_head_valid_with_the_retired_warning_while_validate_says_unknown()
    {
        using var repository = PlanTasks.Base();
        var withVerify = repository.Write("schedules/backups/verify.yaml", Verify).Commit("Verify after the backup");
        repository.Delete("schedules/backups/nightly-db.yaml");

        var plan = CliRun.Invoke(repository.Root, "plan", "--base", withVerify);
        var validate = CliRun.Invoke(repository.Root, "validate", "schedules");

        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("  - backups/nightly-db  schedules/backups/nightly-db.yaml\n", plan.Out, StringComparison.Ordinal);
        Assert.Contains(
            "schedules/backups/verify.yaml:1:20: warning SCH103: schedule.after: upstream 'backups/nightly-db' is removed by this change (retired); this task will not run after it until a file defines 'backups/nightly-db' again.",
            plan.Out, StringComparison.Ordinal);
        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("schedules/backups/verify.yaml:1:20: error SCH060: schedule.after: 'backups/nightly-db' is not a task in this folder.", validate.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_and_next_show_the_same_jittered_slots_and_next_of_a_chained_task_names_whom_it_follows()
    {
        using var repository = PlanTasks.Base();
        repository.Write("schedules/spread.yaml", "schedule: \"0 3 * * *\"\njitter: 10m\nshell: echo spread\n").Write("schedules/backups/verify.yaml", Verify);

        var plan = CliRun.Invoke(repository.Root, "plan", "--base", "main", "--format", "json", "--count", "2");
        var next = CliRun.Invoke(repository.Root, "next", "spread", "--count", "2", "--format", "json");
        var follows = CliRun.Invoke(repository.Root, "next", "backups/verify");

        using var document = JsonDocument.Parse(plan.Out);
        var spread = document.RootElement.GetProperty("added").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "spread");
        var planned = spread.GetProperty("next").EnumerateArray().Select(s => s.GetProperty("utc").GetString()!).ToList();
        var listed = JsonDocument.Parse(next.Out).RootElement.EnumerateArray().Select(s => s.GetProperty("utc").GetString()!).ToList();
        Assert.Equal(planned, listed);
        Assert.All(planned, utc =>
        {
            var at = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(at.TimeOfDay, TimeSpan.FromHours(3), TimeSpan.FromHours(3) + TimeSpan.FromMinutes(10));
            Assert.NotEqual(TimeSpan.FromHours(3), at.TimeOfDay); // moved by the task's own offset
        });
        Assert.Equal(planned[1], DateTimeOffset.Parse(planned[0], System.Globalization.CultureInfo.InvariantCulture).AddDays(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, follows.ExitCode);
        Assert.Equal(
            "Task backups/verify: after backups/nightly-db (on success)\n  No slots of its own. Runs after backups/nightly-db (next backups/nightly-db slot 2026-11-24T02:30:00Z).\n",
            follows.Out);
    }
}
