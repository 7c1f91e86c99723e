using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Tests.Validation;

/// <summary>
/// The corpus of mistakes: each case is a file, the one diagnostic it must produce, at its exact line and
/// column, and a piece of the message that shows the value. Columns are 1-based and point at the value.
/// </summary>
public sealed class InvalidTaskTests
{
    public static TheoryData<string, string, string, int, int, string> Cases => new()
    {
        {
            "misspelled key",
            """
            schedule:
              cron: "0 * * * *"
              timzone: Europe/Berlin
            shell: "true"
            """,
            DiagnosticCodes.UnknownKey, 3, 3, "schedule.timzone: 'timzone' is not a known key in 'schedule'"
        },
        {
            "duplicate key",
            """
            schedule: "0 * * * *"
            overlap: allow
            shell: "true"
            overlap: forbid
            """,
            DiagnosticCodes.DuplicateKey, 4, 1, "overlap: 'overlap' appears twice (first at line 2)"
        },
        {
            "wrong type",
            """
            schedule: "0 * * * *"
            enabled: "yes"
            shell: "true"
            """,
            DiagnosticCodes.WrongType, 2, 10, "enabled: expected true or false, found 'yes'"
        },
        {
            "list where a mapping belongs",
            """
            schedule: "0 * * * *"
            retry: [2, 30s]
            shell: "true"
            """,
            DiagnosticCodes.WrongType, 2, 8, "retry: expected a mapping (key: value lines), found a list"
        },
        {
            "no schedule",
            """
            description: forgot when
            shell: "true"
            """,
            DiagnosticCodes.MissingSchedule, 1, 1, "The task has no schedule."
        },
        {
            "no schedule kind",
            """
            schedule:
              timezone: UTC
            shell: "true"
            """,
            DiagnosticCodes.MissingSchedule, 2, 3, "schedule: no schedule kind is given."
        },
        {
            "two schedule kinds",
            """
            schedule:
              cron: "0 * * * *"
              every: 5m
            shell: "true"
            """,
            DiagnosticCodes.ConflictingSchedules, 3, 3, "schedule.every: a schedule has exactly one kind, but 'cron' is given too."
        },
        {
            "no handler",
            """
            schedule: "0 * * * *"
            description: does nothing
            """,
            DiagnosticCodes.MissingHandler, 1, 1, "The task has no handler"
        },
        {
            "two handlers",
            """
            schedule: "0 * * * *"
            command: [echo, hi]
            shell: echo hi
            """,
            DiagnosticCodes.ConflictingHandlers, 3, 1, "shell: a task has exactly one handler, but 'command' is given too."
        },
        {
            "minute out of range",
            """
            description: db
            schedule:
              cron: "61 * * * *"
            shell: "true"
            """,
            DiagnosticCodes.InvalidCron, 3, 9, "schedule.cron: '61 * * * *' is not a valid cron expression: minutes must be 0-59"
        },
        {
            "too few cron fields",
            """
            schedule: "0 2 * *"
            shell: "true"
            """,
            DiagnosticCodes.InvalidCron, 1, 11, "'0 2 * *' is not a valid cron expression: expected 5 fields"
        },
        {
            "cron that never fires",
            """
            schedule: { cron: "0 0 30 2 *" }
            shell: "true"
            """,
            DiagnosticCodes.CronNeverFires, 1, 19, "'0 0 30 2 *' is not a valid cron expression: it never fires"
        },
        {
            "unknown time zone",
            """
            schedule:
              daily: "02:30"
              timezone: Europe/Berln
            shell: "true"
            """,
            DiagnosticCodes.UnknownTimeZone, 3, 13, "schedule.timezone: 'Europe/Berln' is not a known IANA time zone."
        },
        {
            "bad duration",
            """
            schedule: "0 * * * *"
            timeout: 10x
            shell: "true"
            """,
            DiagnosticCodes.InvalidDuration, 2, 10, "timeout: 'x' in '10x' is not a unit"
        },
        {
            "duration units out of order",
            """
            schedule: "0 * * * *"
            starting-deadline: 30m1h
            shell: "true"
            """,
            DiagnosticCodes.InvalidDuration, 2, 20, "'30m1h' repeats a unit or puts a larger unit after a smaller one"
        },
        {
            "value out of range",
            """
            schedule: "0 * * * *"
            max-catch-up: 0
            shell: "true"
            """,
            DiagnosticCodes.OutOfRange, 2, 15, "max-catch-up: 0 is out of range."
        },
        {
            "every shorter than a second",
            """
            schedule: { every: 500ms }
            shell: "true"
            """,
            DiagnosticCodes.OutOfRange, 1, 20, "schedule.every: '500ms' is out of range."
        },
        {
            "misspelled choice",
            """
            schedule: "0 * * * *"
            catch-up: latests
            shell: "true"
            """,
            DiagnosticCodes.InvalidChoice, 2, 11, "catch-up: 'latests' is not one of none, latest, all."
        },
        {
            "unknown weekday",
            """
            schedule:
              weekly: { days: [mon, fry], at: "04:00" }
            shell: "true"
            """,
            DiagnosticCodes.InvalidChoice, 2, 25, "schedule.weekly.days[1]: 'fry' is not a day of the week."
        },
        {
            "bad time of day",
            """
            schedule: { daily: "25:00" }
            shell: "true"
            """,
            DiagnosticCodes.InvalidTimeOfDay, 1, 20, "schedule.daily: '25:00' is not a time of day."
        },
        {
            "manual false",
            """
            schedule: { manual: false }
            shell: "true"
            """,
            DiagnosticCodes.InvalidValue, 1, 21, "schedule.manual: 'false' is not a schedule."
        },
        {
            "unknown template variable",
            """
            schedule: "0 * * * *"
            command: ["echo", "slot {{ run.slots }}"]
            """,
            DiagnosticCodes.UnknownTemplateVariable, 2, 28, "command[1]: the template variable 'run.slots' does not exist."
        },
        {
            "unknown template root",
            """
            schedule: "0 * * * *"
            shell: echo {{ job.id }}
            """,
            DiagnosticCodes.UnknownTemplateVariable, 2, 16, "shell: the template variable 'job' does not exist."
        },
        {
            "template left open",
            """
            schedule: "0 * * * *"
            http: { url: "https://example.com/{{ run.slot" }
            """,
            DiagnosticCodes.TemplateSyntax, 2, 35, "http.url: 'https://example.com/{{ run.slot' is not a valid template: the '{{' is never closed"
        },
        {
            "command as a string",
            """
            schedule: "0 * * * *"
            command: echo hello
            """,
            DiagnosticCodes.WrongType, 2, 10, "command: expected a list of arguments, found 'echo hello'."
        },
        {
            "empty command",
            """
            schedule: "0 * * * *"
            command: []
            """,
            DiagnosticCodes.InvalidValue, 2, 10, "command: the list is empty."
        },
        {
            "http without url",
            """
            schedule: "0 * * * *"
            http: { method: GET }
            """,
            DiagnosticCodes.MissingRequired, 2, 7, "http: 'url' is missing."
        },
        {
            "relative http url",
            """
            schedule: "0 * * * *"
            http: { url: /healthz }
            """,
            DiagnosticCodes.InvalidValue, 2, 14, "http.url: '/healthz' is not an absolute http or https URL."
        },
        {
            "status out of range",
            """
            schedule: "0 * * * *"
            http: { url: "https://example.com", expect-status: [200, 999] }
            """,
            DiagnosticCodes.OutOfRange, 2, 58, "http.expect-status[1]: 999 is out of range."
        },
        {
            "cleanup without a rule",
            """
            schedule: "0 * * * *"
            cleanup:
              path: ./data/logs
            """,
            DiagnosticCodes.MissingRequired, 3, 3, "cleanup: no rule says which files to delete."
        },
        {
            "cleanup of the root",
            """
            schedule: "0 * * * *"
            cleanup: { path: /, older-than: 1d }
            """,
            DiagnosticCodes.InvalidValue, 2, 18, "cleanup.path: '/' is the root of a file system."
        },
        {
            "env name with a dash",
            """
            schedule: "0 * * * *"
            env:
              MY-VAR: x
            shell: "true"
            """,
            DiagnosticCodes.InvalidValue, 3, 3, "env.MY-VAR: 'MY-VAR' is not a valid environment variable name."
        },
        {
            "env name reserved by the scheduler",
            """
            schedule: "0 * * * *"
            env: { SCHEDULER_SLOT: x }
            shell: "true"
            """,
            DiagnosticCodes.InvalidValue, 2, 8, "env.SCHEDULER_SLOT: names starting with SCHEDULER_ are set by the scheduler"
        },
        {
            "retry without attempts",
            """
            schedule: "0 * * * *"
            retry: { backoff: 10s }
            shell: "true"
            """,
            DiagnosticCodes.MissingRequired, 2, 8, "retry: 'attempts' is missing."
        },
        {
            "template that does not parse",
            """
            schedule: "0 * * * *"
            shell: echo {{ run.slot + }}
            """,
            DiagnosticCodes.TemplateSyntax, 2, 27, "shell: 'echo {{ run.slot + }}' is not a valid template: Error while parsing binary expression"
        },
        {
            "a list at the top",
            """
            - schedule: "0 * * * *"
            """,
            DiagnosticCodes.NotAMapping, 1, 1, "A task file must be a mapping of keys, but this one is a list."
        },
        {
            "broken indentation",
            """
            schedule:
              cron: "0 * * * *"
             timezone: UTC
            shell: "true"
            """,
            DiagnosticCodes.YamlSyntax, 3, 2, "This is not valid YAML"
        },
        {
            "an unclosed quote",
            """
            schedule: "0 * * * *
            shell: "true"
            """,
            DiagnosticCodes.YamlSyntax, 1, 11, "This is not valid YAML"
        },
        {
            "two documents",
            """
            schedule: "0 * * * *"
            shell: "true"
            ---
            schedule: "5 * * * *"
            """,
            DiagnosticCodes.MultipleDocuments, 3, 1, "a second one starts here"
        },
        {
            "empty file",
            "",
            DiagnosticCodes.EmptyFile, 1, 1, "The file is empty"
        },
        {
            "only comments",
            """
            # schedule: "0 * * * *"
            # shell: "true"
            """,
            DiagnosticCodes.EmptyFile, 1, 1, "The file is empty"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_mistake_is_reported_with_its_exact_position_and_value(string name, string yaml, string code, int line, int column, string message)
    {
        var result = TaskText.Read(yaml);

        Assert.Null(result.Task);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.True(diagnostic.Code == code, $"{name}: expected {code}, got {diagnostic.Code}: {diagnostic.Message}");
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Hint), $"{name}: every error says how to fix it");
        Assert.Equal("schedules/demo.yaml", diagnostic.File);
    }

    [Theory]
    [InlineData("schedule:\n  timzone: UTC\n  cron: \"0 * * * *\"\nshell: x", "Did you mean 'timezone'?")]
    [InlineData("schedule: { daily: \"02:00\", timezone: Europe/Berln }\nshell: x", "Did you mean 'Europe/Berlin'")]
    [InlineData("schedule: { daily: \"02:00\", timezone: America/NewYork }\nshell: x", "'America/New_York'")]
    [InlineData("schedule: \"0 * * * *\"\ncatch-up: latests\nshell: x", "Did you mean 'latest'?")]
    [InlineData("schedule: { weekly: { days: [fry], at: \"04:00\" } }\nshell: x", "Did you mean 'fri'?")]
    [InlineData("schedule: \"0 * * * *\"\nenabled: yes\nshell: x", "yes/no/on/off are strings")]
    public void Hints_suggest_the_nearest_valid_value(string yaml, string hint)
    {
        var diagnostic = Assert.Single(TaskText.Read(yaml).Diagnostics, d => d.IsError);

        Assert.Contains(hint, diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_mistake_in_a_file_is_reported_not_just_the_first()
    {
        var result = TaskText.Read("""
            schedule:
              cron: "0 25 * * *"
              timezone: Mars/Olympus
            catch-up: sometimes
            timeout: forever
            command: ["echo", "{{ run.nope }}"]
            """);

        Assert.Equal(
            [DiagnosticCodes.UnknownTimeZone, DiagnosticCodes.InvalidChoice, DiagnosticCodes.InvalidDuration, DiagnosticCodes.UnknownTemplateVariable],
            result.Diagnostics.Select(d => d.Code));
        Assert.Equal([3, 4, 5, 6], result.Diagnostics.Select(d => d.Line));
    }

    [Fact]
    public void A_cron_error_is_still_found_when_the_zone_is_valid_and_other_keys_are_broken()
    {
        var result = TaskText.Read("""
            schedule: { cron: "0 25 * * *", timezone: Europe/Berlin }
            overlap: sometimes
            shell: "true"
            """);

        Assert.Equal([DiagnosticCodes.InvalidCron, DiagnosticCodes.InvalidChoice], result.Diagnostics.Select(d => d.Code));
        Assert.Contains("hours must be 0-23", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("//")]
    [InlineData("/tmp/..")]
    [InlineData("/.")]
    public void A_cleanup_of_a_file_system_root_is_refused_however_it_is_spelled(string path)
    {
        var diagnostic = Assert.Single(TaskText.Read($"schedule: \"0 * * * *\"\ncleanup: {{ path: \"{path}\", older-than: 1d }}\n").Diagnostics);

        Assert.Contains("is the root of a file system", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_with_a_trailing_newline_is_not_a_valid_environment_variable()
    {
        var diagnostic = Assert.Single(TaskText.Read("schedule: \"0 * * * *\"\nenv: { \"FOO\\n\": x }\nshell: x\n").Diagnostics);

        Assert.Equal(DiagnosticCodes.InvalidValue, diagnostic.Code);
    }
}
