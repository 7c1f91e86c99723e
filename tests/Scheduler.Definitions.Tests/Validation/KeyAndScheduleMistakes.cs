using Scheduler.Definitions.Diagnostics;

namespace Scheduler.Definitions.Tests.Validation;

/// <summary>Mistakes in keys, schedules, durations and choices. Each case: a name, a file, the one diagnostic it must produce, its 1-based line and column (pointing at the value), and a piece of the message that shows the value.</summary>
public static class KeyAndScheduleMistakes
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
    };
}
