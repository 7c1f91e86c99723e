using Scheduler.Definitions.Model;

namespace Scheduler.Definitions.Tests.Validation;

public sealed class ValidTaskTests
{
    [Fact]
    public void A_task_using_every_key_is_read_into_the_model()
    {
        var result = TaskText.Read("""
            description: Nightly backup of the app database
            enabled: false
            schedule:
              cron: "30 3 * * *"
              timezone: Europe/Berlin
            catch-up: all
            max-catch-up: 20
            starting-deadline: 2h
            overlap: replace
            timeout: 30m
            kill-grace: 5s
            retry: { attempts: 2, backoff: 30s }
            env: { TARGET: ./data/out, LEVEL: 3 }
            working-directory: ./data
            command: ["sqlite3", "app.db", ".backup {{ run.slot }}.db"]
            """, "backups/nightly-db.yaml");

        Assert.Empty(result.Diagnostics);
        var task = Assert.IsType<TaskDefinition>(result.Task);
        Assert.Equal("backups/nightly-db", task.Id);
        Assert.Equal("Nightly backup of the app database", task.Description);
        Assert.False(task.Enabled);
        Assert.Equal(ScheduleKind.Cron, task.Schedule.Kind);
        Assert.Equal("30 3 * * *", task.Schedule.CronExpression);
        Assert.Equal("Europe/Berlin", task.Schedule.TimeZoneId);
        Assert.Equal(CatchUpPolicy.All, task.CatchUp);
        Assert.Equal(20, task.MaxCatchUp);
        Assert.Equal(TimeSpan.FromHours(2), task.StartingDeadline);
        Assert.Equal(OverlapPolicy.Replace, task.Overlap);
        Assert.Equal(TimeSpan.FromMinutes(30), task.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(5), task.KillGrace);
        Assert.Equal(new RetryPolicy(2, TimeSpan.FromSeconds(30)), task.Retry);
        Assert.Equal(new Dictionary<string, string> { ["TARGET"] = "./data/out", ["LEVEL"] = "3" }, task.Environment.ToDictionary(e => e.Key, e => e.Value.Display));
        Assert.Equal("./data", task.WorkingDirectory);
        Assert.Equal(["sqlite3", "app.db", ".backup {{ run.slot }}.db"], Assert.IsType<CommandHandler>(task.Handler).Arguments);
    }

    [Fact]
    public void Defaults_apply_when_keys_are_left_out()
    {
        var task = TaskText.Read("""
            schedule: "*/5 * * * *"
            shell: echo hello
            """).Task!;

        Assert.True(task.Enabled);
        Assert.Null(task.Description);
        Assert.Equal("UTC", task.Schedule.TimeZoneId);
        Assert.Equal(CatchUpPolicy.Latest, task.CatchUp);
        Assert.Equal(100, task.MaxCatchUp);
        Assert.Null(task.StartingDeadline);
        Assert.Equal(OverlapPolicy.Forbid, task.Overlap);
        Assert.Equal(TimeSpan.FromHours(1), task.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(10), task.KillGrace);
        Assert.Equal(RetryPolicy.None, task.Retry);
        Assert.Empty(task.Environment);
        Assert.Equal("echo hello", Assert.IsType<ShellHandler>(task.Handler).Script);
    }

    [Theory]
    [InlineData("daily: \"02:30\"", ScheduleKind.Daily, "30 2 * * *")]
    [InlineData("daily: \"18:05:30\"", ScheduleKind.Daily, "30 5 18 * * *")]
    [InlineData("weekly: { days: [mon, fri], at: \"04:00\" }", ScheduleKind.Weekly, "0 4 * * 1,5")]
    [InlineData("weekly: { days: sunday, at: \"7:15\" }", ScheduleKind.Weekly, "15 7 * * 0")]
    [InlineData("cron: \"0 */15 * * * *\"", ScheduleKind.Cron, "0 */15 * * * *")]
    public void Daily_and_weekly_are_sugar_for_cron(string scheduleLine, ScheduleKind kind, string cron)
    {
        var task = TaskText.Read($"""
            schedule:
              {scheduleLine}
            shell: "true"
            """).Task!;

        Assert.Equal(kind, task.Schedule.Kind);
        Assert.Equal(cron, task.Schedule.CronExpression);
    }

    [Fact]
    public void Every_is_anchored_to_the_epoch_not_to_the_moment_it_was_read()
    {
        var task = TaskText.Read("""
            schedule: { every: 45m }
            shell: "true"
            """).Task!;

        var slot = task.Slots.NextAfter(new DateTimeOffset(2026, 11, 23, 12, 1, 0, TimeSpan.Zero))!.Value;

        // 2026-11-23T12:00Z is 29,495,520 minutes after the epoch, a multiple of 45; the next multiple is 12:45.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 45, 0, TimeSpan.Zero), slot.Utc);
        Assert.Equal(slot.Utc, task.Slots.NextAfter(new DateTimeOffset(2026, 11, 23, 12, 30, 0, TimeSpan.Zero))!.Value.Utc);
    }

    [Fact]
    public void A_manual_task_has_no_slots()
    {
        var task = TaskText.Read("""
            schedule: { manual: true }
            command: [echo, hi]
            """).Task!;

        Assert.Equal(ScheduleKind.Manual, task.Schedule.Kind);
        Assert.Null(task.Slots.NextAfter(TaskText.From));
    }

    [Fact]
    public void Http_sqlite_backup_and_cleanup_handlers_are_read_with_their_defaults()
    {
        var http = Assert.IsType<HttpHandler>(TaskText.Read("""
            schedule: "0 * * * *"
            http: { url: "https://example.com/ping?slot={{ run.slot }}", method: post, headers: { X-Request-Tag: abc }, body: "{}" }
            """).Task!.Handler);
        Assert.Equal("POST", http.Method);
        Assert.Equal(TimeSpan.FromSeconds(30), http.Timeout);
        Assert.True(http.Accepts(204));
        Assert.False(http.Accepts(302));
        Assert.Equal("abc", http.Headers["X-Request-Tag"].Text);

        var backup = Assert.IsType<SqliteBackupHandler>(TaskText.Read("""
            schedule: "0 * * * *"
            sqlite-backup: { database: ./data/app.db, to: ./data/backups }
            """).Task!.Handler);
        Assert.Equal(7, backup.Keep);

        var cleanup = Assert.IsType<CleanupHandler>(TaskText.Read("""
            schedule: "0 * * * *"
            cleanup: { path: ./data/logs, max-total-size: 2GiB, dry-run: true }
            """).Task!.Handler);
        Assert.Equal("*", cleanup.Pattern);
        Assert.Equal(2L << 30, cleanup.MaxTotalBytes);
        Assert.True(cleanup.DryRun);
    }

    [Fact]
    public void Anchors_and_aliases_within_the_limit_are_allowed()
    {
        var task = TaskText.Read("""
            env: &vars { A: "1" }
            schedule: "0 * * * *"
            http: { url: "https://example.com", headers: *vars }
            """).Task!;

        Assert.Equal("1", ((HttpHandler)task.Handler).Headers["A"].Text);
    }
}
