using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Tests.Validation;

/// <summary>
/// A key written one level off (up, down or beside its mapping) is still SCH020, but the hint says where the key
/// belongs and shows the YAML that fixes it, instead of listing the keys allowed where it stands.
/// </summary>
public sealed class MisplacedKeyTests
{
    [Theory]
    [InlineData(
        "schedule: \"30 2 * * *\"\ntimezone: Europe/Berlin\nshell: x",
        "timezone", 2, 1,
        "'timezone' belongs in 'schedule', one level down: write `schedule: { cron: \"30 2 * * *\", timezone: Europe/Berlin }`.")]
    [InlineData(
        "schedule: { daily: \"02:30\" }\ntimezone: Europe/Berlin\nshell: x",
        "timezone", 2, 1,
        "'timezone' belongs in 'schedule', one level down: write `schedule: { daily: \"02:30\", timezone: Europe/Berlin }`.")]
    [InlineData(
        "every: 45m\nshell: x",
        "every", 1, 1,
        "'every' belongs in 'schedule', one level down: write `schedule: { every: 45m }`.")]
    [InlineData(
        "schedule: \"0 * * * *\"\nretry: { attempts: 3 }\nbackoff: 1m\nshell: x",
        "backoff", 3, 1,
        "'backoff' belongs in 'retry', one level down: write `retry: { attempts: 3, backoff: 1m }`.")]
    [InlineData(
        "schedule: { cron: \"0 * * * *\", starting-deadline: 6h }\nshell: x",
        "schedule.starting-deadline", 1, 32,
        "'starting-deadline' belongs in the task's top level, not indented, not in 'schedule': move `starting-deadline: 6h` there.")]
    [InlineData(
        "schedule: { weekly: { days: [mon], at: \"04:00\", timezone: UTC } }\nshell: x",
        "schedule.weekly.timezone", 1, 49,
        "'timezone' belongs in 'schedule', not in 'schedule.weekly': move `timezone: UTC` there.")]
    [InlineData(
        "schedule: \"0 * * * *\"\nhttp: { url: \"https://example.com\" }\nexpect-status: 204",
        "expect-status", 3, 1,
        "'expect-status' belongs in 'http', one level down: write `http: { url: \"https://example.com\", expect-status: 204 }`.")]
    [InlineData(
        "schedule: { cron: \"0 * * * *\", backoff: 1m }\nshell: x",
        "schedule.backoff", 1, 32,
        "'backoff' belongs in 'retry': move `backoff: 1m` there.")]
    [InlineData(
        "schedule: \"0 * * * *\"\ngroup: db\nshell: x",
        "group", 2, 1,
        "'group' belongs in 'concurrency', one level down: write `concurrency: { group: db }`.")]
    [InlineData(
        "schedule: \"0 * * * *\"\nconcurrency: { group: db }\nlimit: 2\nshell: x",
        "limit", 3, 1,
        "'limit' belongs in 'concurrency', one level down: write `concurrency: { group: db, limit: 2 }`.")]
    [InlineData(
        "after: backups/nightly-db\nshell: x",
        "after", 1, 1,
        "'after' belongs in 'schedule', one level down: write `schedule: { after: backups/nightly-db }`.")]
    public void A_key_one_level_off_is_told_where_it_belongs_with_the_fix(string yaml, string path, int line, int column, string hint)
    {
        // `every` alone at the top also leaves the task without a schedule (SCH015): both are told.
        var diagnostic = Assert.Single(TaskText.Read(yaml).Diagnostics, d => d.Code == DiagnosticCodes.UnknownKey);

        Assert.StartsWith($"{path}: ", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
        Assert.Equal(hint, diagnostic.Hint);
    }

    [Fact]
    public void A_key_that_belongs_nowhere_still_gets_the_did_you_mean_or_the_list_of_keys()
    {
        var typo = Assert.Single(TaskText.Read("schedule: \"0 * * * *\"\novrlap: allow\nshell: x").Diagnostics, d => d.IsError);
        var unknown = Assert.Single(TaskText.Read("schedule: \"0 * * * *\"\ncolor: red\nshell: x").Diagnostics, d => d.IsError);

        Assert.Equal("Did you mean 'overlap'?", typo.Hint);
        Assert.StartsWith("Known keys here: description, enabled, schedule", unknown.Hint, StringComparison.Ordinal);
    }
}
