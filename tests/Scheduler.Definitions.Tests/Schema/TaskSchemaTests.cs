using System.Text;
using System.Text.Json.Nodes;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Parsing;
using Scheduler.Definitions.Schema;
using Scheduler.Definitions.Values;

namespace Scheduler.Definitions.Tests.Schema;

/// <summary>
/// Keeps the JSON schema (what editors check as people type) in step with the parser (the truth of the format):
/// what one accepts the other accepts, what one rejects the other rejects, except for the checks a schema
/// cannot express, which are listed here one by one.
/// </summary>
public sealed class TaskSchemaTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly SchemaEvaluator Schema = new(TaskSchema.Json);

    public static TheoryData<string> ScheduleFiles => [.. TaskFolder.List(Path.Combine(RepositoryRoot(), "schedules"))];

    public static TheoryData<string, string> Valid => new()
    {
        {
            "every parameter key",
            """
            schedule: { manual: true }
            params:
              environment: { type: choice, choices: [staging, production], default: staging, description: Where to deploy }
              day: { type: date, required: true }
              count: { type: int, default: 3 }
              ratio: { type: number, default: 0.5 }
              dry-run: { type: bool, default: false }
              wait: { type: duration, default: 90s }
              tag: { type: string, pattern: '[a-z0-9.-]+', default: v1.2 }
            shell: echo {{ params.environment }} {{ params.day }} {{ params["dry-run"] }}
            """
        },
        {
            "every top-level key",
            """
            description: Nightly backup of the app database
            enabled: true
            schedule:
              cron: "30 2 * * *"
              timezone: Europe/Berlin
            catch-up: all
            max-catch-up: 100
            starting-deadline: 2h
            overlap: forbid
            timeout: 30m
            kill-grace: 10s
            retry: { attempts: 2, backoff: 30s }
            env: { KEY: value, _UNDERSCORE: x, Mixed_Case9: y }
            working-directory: ./data
            notify:
              on: [failure, timeout, recovery, missed, streak]
              streak: 3
              webhook: { url-from-env: OPS_WEBHOOK_URL, format: slack }
            command: ["sqlite3", "app.db", ".backup {{ run.slot }}.db"]
            """
        },
        { "notify with defaults for on and streak", "schedule: \"0 * * * *\"\nshell: echo hi\nnotify:\n  webhook: { url-from-env: HOOK, format: generic }\n" },
        { "notify on one event", "schedule: \"0 * * * *\"\nshell: echo hi\nnotify: { on: failure, webhook: { url-from-env: _X9, format: teams } }\n" },
        { "notify with a template", "schedule: \"0 * * * *\"\nshell: echo hi\nnotify:\n  on: [streak]\n  streak: 1000\n  webhook:\n    url-from-env: HOOK\n    template: '{\"t\": \"{{ task.id }} {{ event }} {{ run.exitCode }} {{ streak }} {{ url }}\"}'\n" },
        { "cron shorthand", "schedule: \"*/5 * * * *\"\nshell: echo hi\n" },
        { "cron shorthand without quotes", "schedule: 0 * * * *\nshell: echo hi\n" },
        { "cron with seconds", "schedule:\n  cron: \"0 0 */6 * * *\"\nshell: echo hi\n" },
        { "cron with names, ranges, steps and lists", "schedule:\n  cron: \"0,30 9-17/2 1,15 JAN-jun Mon-FRI\"\nshell: echo hi\n" },
        { "cron with a step from a value", "schedule:\n  cron: \"5/10 * * * *\"\nshell: echo hi\n" },
        { "cron with tabs and extra spaces", "schedule:\n  cron: \"  0\t2  * * *  \"\nshell: echo hi\n" },
        { "every", "schedule:\n  every: 45m\nshell: echo hi\n" },
        { "every with combined units", "schedule:\n  every: 1d2h3m4s5ms\nshell: echo hi\n" },
        { "every in milliseconds past a second", "schedule:\n  every: 1500ms\nshell: echo hi\n" },
        { "daily", "schedule:\n  daily: \"02:30\"\n  timezone: America/New_York\nshell: echo hi\n" },
        { "daily without quotes", "schedule:\n  daily: 02:30\nshell: echo hi\n" },
        { "daily with one-digit hour", "schedule:\n  daily: \"7:05\"\nshell: echo hi\n" },
        { "daily with seconds", "schedule:\n  daily: \"23:59:59\"\nshell: echo hi\n" },
        { "weekly", "schedule:\n  weekly: { days: [mon, fri], at: \"04:00\" }\nshell: echo hi\n" },
        { "weekly with full and capitalised day names", "schedule:\n  weekly: { days: [Monday, SUNDAY, wed], at: \"4:00:30\" }\nshell: echo hi\n" },
        { "weekly with one day not in a list", "schedule:\n  weekly:\n    days: sat\n    at: \"10:00\"\nshell: echo hi\n" },
        { "weekly with a repeated day", "schedule:\n  weekly: { days: [mon, monday], at: \"10:00\" }\nshell: echo hi\n" },
        { "manual", "schedule:\n  manual: true\nshell: echo hi\n" },
        { "manual with a time zone", "schedule:\n  manual: true\n  timezone: Asia/Tokyo\nshell: echo hi\n" },
        { "time zone UTC and Etc ids", "schedule:\n  every: 1h\n  timezone: Etc/GMT+5\nshell: echo hi\n" },
        { "disabled", "enabled: false\nschedule: \"0 * * * *\"\nshell: echo hi\n" },
        { "empty description", "description: \"\"\nschedule: \"0 * * * *\"\nshell: echo hi\n" },
        { "catch-up none and overlap allow", "catch-up: none\noverlap: allow\nschedule: \"0 * * * *\"\nshell: echo hi\n" },
        { "catch-up latest and overlap replace", "catch-up: latest\noverlap: replace\nschedule: \"0 * * * *\"\nshell: echo hi\n" },
        { "smallest and largest numbers", "max-catch-up: 1\nretry: { attempts: 0 }\nschedule: \"0 * * * *\"\nsqlite-backup: { database: a.db, to: b, keep: 10000 }\n" },
        { "largest max-catch-up and retry attempts", "catch-up: all\nmax-catch-up: 10000\nretry: { attempts: 100, backoff: 1d }\nschedule: \"0 * * * *\"\nshell: echo hi\n" },
        { "a zero kill grace", "kill-grace: 0s\ntimeout: 7d\nschedule: \"0 * * * *\"\nshell: echo hi\n" },
        { "numbers and booleans as text", "description: 2024\nenv: { PORT: 8080, DEBUG: true, RATIO: 0.5, EMPTY: \"\" }\nschedule: \"0 * * * *\"\ncommand: [sleep, 5]\n" },
        { "an empty later argument", "schedule: \"0 * * * *\"\ncommand: [\"printf\", \"\", \"{{ task.id }} {{ run.id }} {{ run.attempt }} {{ run.trigger }}\"]\n" },
        {
            "shell block scalar with templates",
            """
            schedule: "0 * * * *"
            shell: |
              echo "slot {{ run.slot }}"
              echo "{{ run.slot | string.upcase }}"
            """
        },
        {
            "http with every key",
            """
            schedule: "0 * * * *"
            http:
              url: "https://example.com/hooks/{{ task.id }}"
              method: post
              expect-status: [200, 204]
              timeout: 10s
              headers: { Authorization: { from-env: API_TOKEN, prefix: "Bearer " }, X-Attempt: 1, X-Key: { from-file: /run/secrets/key } }
              body: '{"slot": "{{ run.slot }}"}'
            """
        },
        { "http with only a url", "schedule: \"0 * * * *\"\nhttp:\n  url: http://127.0.0.1:8080/healthz\n" },
        { "env by reference", "schedule: \"0 * * * *\"\nshell: echo hi\nenv:\n  DB_URL: { from-env: APP_DB_URL }\n  KEY:\n    from-file: ./secrets/key\n    prefix: \"k=\"\n" },
        { "http with one status and an empty body", "schedule: \"0 * * * *\"\nhttp: { url: \"HTTPS://example.com\", expect-status: 202, body: \"\", method: OPTIONS, timeout: 100ms }\n" },
        { "http with an empty status list", "schedule: \"0 * * * *\"\nhttp: { url: \"http://{{ task.id }}.internal/x\", expect-status: [] }\n" },
        { "sqlite-backup", "schedule: \"0 * * * *\"\nsqlite-backup: { database: ./data/app.db, to: ./data/backups }\n" },
        { "cleanup by age", "schedule: \"0 * * * *\"\ncleanup: { path: ./data/logs, pattern: \"*.log\", older-than: 14d }\n" },
        { "cleanup by count", "schedule: \"0 * * * *\"\ncleanup: { path: ./data/logs, keep-last: 0 }\n" },
        { "cleanup by size in bytes", "schedule: \"0 * * * *\"\ncleanup: { path: logs, max-total-size: 1048576, dry-run: true }\n" },
        { "cleanup by size with a unit", "schedule: \"0 * * * *\"\ncleanup: { path: logs, max-total-size: 1gb, older-than: 1m, keep-last: 1000000, dry-run: false }\n" },
        { "cleanup by size with a space and a binary unit", "schedule: \"0 * * * *\"\ncleanup: { path: logs, max-total-size: \"500 MiB\" }\n" },
        { "cleanup of a drive folder", "schedule: \"0 * * * *\"\ncleanup: { path: \"C:/logs\", keep-last: 3 }\n" },
        { "anchors and aliases", "schedule: &s \"0 * * * *\"\ndescription: *s\nshell: echo hi\n" },
        { "a leading document marker and comments", "# yaml-language-server: $schema=../docs/task.schema.json\n---\nschedule: \"0 * * * *\" # hourly\nshell: echo hi\n" },
    };

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "a parameter name in upper case", "schedule: { manual: true }\nparams: { Day: { type: date } }\nshell: echo hi\n", DiagnosticCodes.InvalidValue },
        { "an unknown parameter type", "schedule: { manual: true }\nparams: { day: { type: datetime } }\nshell: echo hi\n", DiagnosticCodes.InvalidChoice },
        { "an unknown key in a parameter", "schedule: { manual: true }\nparams: { day: { type: date, min: 1 } }\nshell: echo hi\n", DiagnosticCodes.UnknownKey },
        { "unknown key", "color: red\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.UnknownKey },
        { "misspelled key", "overlp: allow\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.UnknownKey },
        { "misspelled schedule key", "schedule:\n  cron: \"0 * * * *\"\n  timzone: UTC\nshell: echo hi\n", DiagnosticCodes.UnknownKey },
        { "unknown weekly key", "schedule:\n  weekly: { days: [mon], at: \"04:00\", every: 2 }\nshell: echo hi\n", DiagnosticCodes.UnknownKey },
        { "unknown retry key", "retry: { attempts: 2, delay: 30s }\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.UnknownKey },
        { "unknown http key", "schedule: \"0 * * * *\"\nhttp: { url: \"https://example.com\", verb: GET }\n", DiagnosticCodes.UnknownKey },
        { "unknown sqlite-backup key", "schedule: \"0 * * * *\"\nsqlite-backup: { database: a.db, to: b, retain: 3 }\n", DiagnosticCodes.UnknownKey },
        { "unknown cleanup key", "schedule: \"0 * * * *\"\ncleanup: { path: logs, keep-last: 3, recursive: true }\n", DiagnosticCodes.UnknownKey },
        { "quoted boolean", "enabled: \"true\"\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.WrongType },
        { "yes is not a boolean", "enabled: yes\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.WrongType },
        { "quoted number", "max-catch-up: \"5\"\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.WrongType },
        { "list where a mapping belongs", "retry: [2, 30s]\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.WrongType },
        { "null description", "description:\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.WrongType },
        { "mapping where text belongs", "working-directory: { path: x }\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.WrongType },
        { "null environment value", "env: { A: }\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.WrongType },
        { "quoted dry-run", "schedule: \"0 * * * *\"\ncleanup: { path: logs, keep-last: 3, dry-run: \"true\" }\n", DiagnosticCodes.WrongType },
        { "command as a string", "schedule: \"0 * * * *\"\ncommand: echo hi\n", DiagnosticCodes.WrongType },
        { "number as schedule", "schedule: 5\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "null schedule", "schedule:\nshell: echo hi\n", DiagnosticCodes.WrongType },
        { "two schedule kinds", "schedule:\n  cron: \"0 * * * *\"\n  every: 1h\nshell: echo hi\n", DiagnosticCodes.ConflictingSchedules },
        { "no schedule", "description: forgot when\nshell: echo hi\n", DiagnosticCodes.MissingSchedule },
        { "schedule with only a time zone", "schedule:\n  timezone: UTC\nshell: echo hi\n", DiagnosticCodes.MissingSchedule },
        { "two handlers", "schedule: \"0 * * * *\"\nshell: echo hi\ncommand: [echo, hi]\n", DiagnosticCodes.ConflictingHandlers },
        { "no handler", "schedule: \"0 * * * *\"\n", DiagnosticCodes.MissingHandler },
        { "bad catch-up", "catch-up: sometimes\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidChoice },
        { "overlap in the wrong case", "overlap: Forbid\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidChoice },
        { "http method that does not exist", "schedule: \"0 * * * *\"\nhttp: { url: \"https://example.com\", method: FETCH }\n", DiagnosticCodes.InvalidChoice },
        { "duration without a unit", "timeout: 30\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidDuration },
        { "duration with a space", "timeout: 1h 30m\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidDuration },
        { "duration smallest unit first", "timeout: 30m1h\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidDuration },
        { "duration with a repeated unit", "timeout: 1h1h\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidDuration },
        { "duration with a fraction", "timeout: 1.5h\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidDuration },
        { "duration with an unknown unit", "timeout: 2w\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidDuration },
        { "duration in capitals", "timeout: 2H\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidDuration },
        { "negative duration", "kill-grace: -1s\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidDuration },
        { "zero interval", "schedule:\n  every: 0s\nshell: echo hi\n", DiagnosticCodes.OutOfRange },
        { "zero timeout", "timeout: 0m\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.OutOfRange },
        { "max-catch-up zero", "max-catch-up: 0\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.OutOfRange },
        { "max-catch-up too large", "max-catch-up: 10001\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.OutOfRange },
        { "negative retry attempts", "retry: { attempts: -1 }\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.OutOfRange },
        { "too many retry attempts", "retry: { attempts: 101 }\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.OutOfRange },
        { "retry without attempts", "retry: { backoff: 1m }\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.MissingRequired },
        { "keep zero backups", "schedule: \"0 * * * *\"\nsqlite-backup: { database: a.db, to: b, keep: 0 }\n", DiagnosticCodes.OutOfRange },
        { "negative keep-last", "schedule: \"0 * * * *\"\ncleanup: { path: logs, keep-last: -1 }\n", DiagnosticCodes.OutOfRange },
        { "status code too large", "schedule: \"0 * * * *\"\nhttp: { url: \"https://example.com\", expect-status: [200, 600] }\n", DiagnosticCodes.OutOfRange },
        { "status code too small", "schedule: \"0 * * * *\"\nhttp: { url: \"https://example.com\", expect-status: 99 }\n", DiagnosticCodes.OutOfRange },
        { "bad weekday", "schedule:\n  weekly: { days: [mon, fryday], at: \"04:00\" }\nshell: echo hi\n", DiagnosticCodes.InvalidChoice },
        { "weekday as a number", "schedule:\n  weekly: { days: [1], at: \"04:00\" }\nshell: echo hi\n", DiagnosticCodes.InvalidChoice },
        { "empty day list", "schedule:\n  weekly: { days: [], at: \"04:00\" }\nshell: echo hi\n", DiagnosticCodes.InvalidValue },
        { "weekly without a time", "schedule:\n  weekly: { days: [mon] }\nshell: echo hi\n", DiagnosticCodes.MissingRequired },
        { "weekly without days", "schedule:\n  weekly: { at: \"04:00\" }\nshell: echo hi\n", DiagnosticCodes.MissingRequired },
        { "hour 24", "schedule:\n  daily: \"24:00\"\nshell: echo hi\n", DiagnosticCodes.InvalidTimeOfDay },
        { "one-digit minutes", "schedule:\n  daily: \"2:3\"\nshell: echo hi\n", DiagnosticCodes.InvalidTimeOfDay },
        { "minute 60", "schedule:\n  weekly: { days: [mon], at: \"02:60\" }\nshell: echo hi\n", DiagnosticCodes.InvalidTimeOfDay },
        { "time of day in words", "schedule:\n  daily: noon\nshell: echo hi\n", DiagnosticCodes.InvalidTimeOfDay },
        { "time of day with am/pm", "schedule:\n  daily: \"2:30 PM\"\nshell: echo hi\n", DiagnosticCodes.InvalidTimeOfDay },
        { "manual false", "schedule:\n  manual: false\nshell: echo hi\n", DiagnosticCodes.InvalidValue },
        { "cron with four fields", "schedule:\n  cron: \"0 * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "cron with seven fields", "schedule:\n  cron: \"0 0 * * * * 2026\"\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "cron with a question mark", "schedule:\n  cron: \"0 0 ? * mon\"\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "cron with L", "schedule:\n  cron: \"0 0 L * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "cron with a name in the hour field", "schedule:\n  cron: \"0 mon * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "cron with an empty list item", "schedule:\n  cron: \"0 1,,2 * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "cron nickname", "schedule: \"@daily\"\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "abbreviation as time zone", "schedule:\n  daily: \"02:30\"\n  timezone: CET\nshell: echo hi\n", DiagnosticCodes.UnknownTimeZone },
        { "time zone with a space", "schedule:\n  daily: \"02:30\"\n  timezone: W. Europe Standard Time\nshell: echo hi\n", DiagnosticCodes.UnknownTimeZone },
        { "empty command list", "schedule: \"0 * * * *\"\ncommand: []\n", DiagnosticCodes.InvalidValue },
        { "empty program", "schedule: \"0 * * * *\"\ncommand: [\" \", hi]\n", DiagnosticCodes.InvalidValue },
        { "null argument", "schedule: \"0 * * * *\"\ncommand: [echo, ~]\n", DiagnosticCodes.WrongType },
        { "blank shell script", "schedule: \"0 * * * *\"\nshell: \"   \"\n", DiagnosticCodes.InvalidValue },
        { "empty working directory", "working-directory: \"\"\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidValue },
        { "env name with a dash", "env: { MY-VAR: x }\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidValue },
        { "env name starting with a digit", "env: { 1VAR: x }\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidValue },
        { "reserved env name", "env: { SCHEDULER_SLOT: x }\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidValue },
        { "header name with a space", "schedule: \"0 * * * *\"\nhttp: { url: \"https://example.com\", headers: { \"X Bad\": 1 } }\n", DiagnosticCodes.InvalidValue },
        { "http without a url", "schedule: \"0 * * * *\"\nhttp: { method: GET }\n", DiagnosticCodes.MissingRequired },
        { "ftp url", "schedule: \"0 * * * *\"\nhttp: { url: \"ftp://example.com/file\" }\n", DiagnosticCodes.InvalidValue },
        { "relative url", "schedule: \"0 * * * *\"\nhttp: { url: \"/healthz\" }\n", DiagnosticCodes.InvalidValue },
        { "url without a host", "schedule: \"0 * * * *\"\nhttp: { url: \"https://\" }\n", DiagnosticCodes.InvalidValue },
        { "url starting with a template", "schedule: \"0 * * * *\"\nhttp: { url: \"{{ task.id }}/x\" }\n", DiagnosticCodes.InvalidValue },
        { "sqlite-backup without a folder", "schedule: \"0 * * * *\"\nsqlite-backup: { database: a.db }\n", DiagnosticCodes.MissingRequired },
        { "cleanup with no rule", "schedule: \"0 * * * *\"\ncleanup: { path: ./data/logs, pattern: \"*.log\" }\n", DiagnosticCodes.MissingRequired },
        { "cleanup without a path", "schedule: \"0 * * * *\"\ncleanup: { keep-last: 3 }\n", DiagnosticCodes.MissingRequired },
        { "cleanup of the root", "schedule: \"0 * * * *\"\ncleanup: { path: /, keep-last: 3 }\n", DiagnosticCodes.InvalidValue },
        { "cleanup of the home folder", "schedule: \"0 * * * *\"\ncleanup: { path: \"~/\", keep-last: 3 }\n", DiagnosticCodes.InvalidValue },
        { "cleanup pattern with a folder", "schedule: \"0 * * * *\"\ncleanup: { path: logs, pattern: \"old/*.log\", keep-last: 3 }\n", DiagnosticCodes.InvalidValue },
        { "cleanup pattern leaving the folder", "schedule: \"0 * * * *\"\ncleanup: { path: logs, pattern: \"..\", keep-last: 3 }\n", DiagnosticCodes.InvalidValue },
        { "size with an unknown unit", "schedule: \"0 * * * *\"\ncleanup: { path: logs, max-total-size: 1XB }\n", DiagnosticCodes.InvalidValue },
        { "negative size", "schedule: \"0 * * * *\"\ncleanup: { path: logs, max-total-size: -5 }\n", DiagnosticCodes.InvalidValue },
        { "fractional size", "schedule: \"0 * * * *\"\ncleanup: { path: logs, max-total-size: 1.5GB }\n", DiagnosticCodes.InvalidValue },
        { "notify event that does not exist", "schedule: \"0 * * * *\"\nshell: echo hi\nnotify: { on: [failure, crash], webhook: { url-from-env: HOOK, format: slack } }\n", DiagnosticCodes.InvalidChoice },
        { "notify format that does not exist", "schedule: \"0 * * * *\"\nshell: echo hi\nnotify: { webhook: { url-from-env: HOOK, format: mattermost } }\n", DiagnosticCodes.InvalidChoice },
        { "notify env name with a dash", "schedule: \"0 * * * *\"\nshell: echo hi\nnotify: { webhook: { url-from-env: OPS-HOOK, format: slack } }\n", DiagnosticCodes.InvalidValue },
        { "notify with a literal url", "schedule: \"0 * * * *\"\nshell: echo hi\nnotify: { webhook: { url: \"https://example.com/x\", format: slack } }\n", DiagnosticCodes.SecretInDefinition },
        { "notify without a webhook", "schedule: \"0 * * * *\"\nshell: echo hi\nnotify: { on: [failure] }\n", DiagnosticCodes.MissingRequired },
        { "notify webhook without a variable", "schedule: \"0 * * * *\"\nshell: echo hi\nnotify: { webhook: { format: slack } }\n", DiagnosticCodes.MissingRequired },
        { "notify webhook without a body", "schedule: \"0 * * * *\"\nshell: echo hi\nnotify: { webhook: { url-from-env: HOOK } }\n", DiagnosticCodes.MissingRequired },
        { "notify webhook with format and template", "schedule: \"0 * * * *\"\nshell: echo hi\nnotify: { webhook: { url-from-env: HOOK, format: slack, template: x } }\n", DiagnosticCodes.InvalidValue },
        { "notify streak zero", "schedule: \"0 * * * *\"\nshell: echo hi\nnotify: { streak: 0, webhook: { url-from-env: HOOK, format: slack } }\n", DiagnosticCodes.OutOfRange },
        { "env reference from two places", "schedule: \"0 * * * *\"\nshell: echo hi\nenv: { A: { from-env: X, from-file: /x } }\n", DiagnosticCodes.InvalidValue },
        { "env reference from nowhere", "schedule: \"0 * * * *\"\nshell: echo hi\nenv: { A: { prefix: \"Bearer \" } }\n", DiagnosticCodes.MissingRequired },
        { "env reference with an unknown key", "schedule: \"0 * * * *\"\nshell: echo hi\nenv: { A: { from-env: X, from-vault: y } }\n", DiagnosticCodes.UnknownKey },
        { "env reference to a bad name", "schedule: \"0 * * * *\"\nshell: echo hi\nenv: { A: { from-env: APP-DB } }\n", DiagnosticCodes.InvalidValue },
        { "header reference to an empty file", "schedule: \"0 * * * *\"\nhttp: { url: \"https://example.com\", headers: { X-Key: { from-file: \"\" } } }\n", DiagnosticCodes.InvalidValue },
        { "a list as the file", "- schedule: \"0 * * * *\"\n  shell: echo hi\n", DiagnosticCodes.NotAMapping },
        { "a scalar as the file", "just some text\n", DiagnosticCodes.NotAMapping },
        { "an empty file", "# nothing here\n", DiagnosticCodes.EmptyFile },
    };

    public static TheoryData<string, string, string> OnlyTheParserRejects => new()
    {
        { "choices on a string parameter", "schedule: { manual: true }\nparams: { env: { choices: [a, b] } }\nshell: echo hi\n", DiagnosticCodes.InvalidValue },
        { "a default outside the choices", "schedule: { manual: true }\nparams: { env: { type: choice, choices: [a, b], default: c } }\nshell: echo hi\n", DiagnosticCodes.InvalidValue },
        { "a required parameter without a default on a scheduled task", "schedule: \"0 * * * *\"\nparams: { day: { type: date, required: true } }\nshell: echo hi\n", DiagnosticCodes.InvalidValue },
        { "a template reading an undeclared parameter", "schedule: { manual: true }\nparams: { day: { type: date } }\nshell: echo {{ params.dya }}\n", DiagnosticCodes.UnknownTemplateVariable },
        { "cron that never fires", "schedule:\n  cron: \"0 0 30 2 *\"\nshell: echo hi\n", DiagnosticCodes.CronNeverFires },
        { "cron that never fires, 31 April", "schedule: \"0 0 31 4 *\"\nshell: echo hi\n", DiagnosticCodes.CronNeverFires },
        { "minute 60", "schedule:\n  cron: \"60 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "hour 24", "schedule:\n  cron: \"0 24 * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "day-of-month 0", "schedule:\n  cron: \"0 0 0 * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "month 13", "schedule:\n  cron: \"0 0 1 13 *\"\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "day-of-week 7", "schedule:\n  cron: \"0 0 * * 7\"\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "second 60", "schedule:\n  cron: \"60 0 0 * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "reversed range", "schedule:\n  cron: \"0 5-1 * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "step larger than the field", "schedule:\n  cron: \"*/90 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "step zero", "schedule:\n  cron: \"*/0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidCron },
        { "unknown time zone", "schedule:\n  daily: \"02:30\"\n  timezone: Mars/Olympus_Mons\nshell: echo hi\n", DiagnosticCodes.UnknownTimeZone },
        { "time zone in the wrong case", "schedule:\n  daily: \"02:30\"\n  timezone: europe/berlin\nshell: echo hi\n", DiagnosticCodes.UnknownTimeZone },
        { "unknown template variable", "schedule: \"0 * * * *\"\ncommand: [echo, \"{{ run.nope }}\"]\n", DiagnosticCodes.UnknownTemplateVariable },
        { "unknown template root", "schedule: \"0 * * * *\"\nshell: \"echo {{ slot }}\"\n", DiagnosticCodes.UnknownTemplateVariable },
        { "unknown variable in a url", "schedule: \"0 * * * *\"\nhttp: { url: \"https://example.com/{{ task.name }}\" }\n", DiagnosticCodes.UnknownTemplateVariable },
        { "template syntax error", "schedule: \"0 * * * *\"\nhttp: { url: \"https://example.com\", body: \"{{ run.slot \" }\n", DiagnosticCodes.TemplateSyntax },
        { "notify template syntax error", "schedule: \"0 * * * *\"\nshell: echo hi\nnotify: { webhook: { url-from-env: HOOK, template: \"{{ if }}\" } }\n", DiagnosticCodes.TemplateSyntax },
        { "notify template unknown variable", "schedule: \"0 * * * *\"\nshell: echo hi\nnotify: { webhook: { url-from-env: HOOK, template: \"{{ run.slot_utc }}\" } }\n", DiagnosticCodes.UnknownTemplateVariable },
        { "a slack webhook url in a script", "schedule: \"0 * * * *\"\nshell: curl -d x https://hooks.slack.com/services/T0/B0/abc\n", DiagnosticCodes.SecretInDefinition },
        { "a teams webhook url in an http task", "schedule: \"0 * * * *\"\nhttp: { url: \"https://acme.webhook.office.com/webhookb2/abc\" }\n", DiagnosticCodes.SecretInDefinition },
        { "a discord webhook url in an argument", "schedule: \"0 * * * *\"\ncommand: [curl, \"https://discord.com/api/webhooks/1/abc\"]\n", DiagnosticCodes.SecretInDefinition },
        { "a token in a url", "schedule: \"0 * * * *\"\nhttp: { url: \"https://example.com/ping?token=abc\" }\n", DiagnosticCodes.SecretInDefinition },
        { "a literal authorization header", "schedule: \"0 * * * *\"\nhttp: { url: \"https://example.com\", headers: { Authorization: \"Bearer abc123\" } }\n", DiagnosticCodes.SecretInDefinition },
        { "a password in an env url", "schedule: \"0 * * * *\"\nshell: echo hi\nenv: { DB_URL: \"postgres://u:pw@host/db\" }\n", DiagnosticCodes.SecretInDefinition },
        { "a literal password variable", "schedule: \"0 * * * *\"\nshell: echo hi\nenv: { DB_PASSWORD: hunter2 }\n", DiagnosticCodes.SecretInDefinition },
        { "timeout longer than a week", "timeout: 8d\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.OutOfRange },
        { "timeout shorter than a second", "timeout: 500ms\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.OutOfRange },
        { "interval shorter than a second", "schedule:\n  every: 500ms\nshell: echo hi\n", DiagnosticCodes.OutOfRange },
        { "interval longer than 366 days", "schedule:\n  every: 367d\nshell: echo hi\n", DiagnosticCodes.OutOfRange },
        { "starting deadline longer than 366 days", "starting-deadline: 400d\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.OutOfRange },
        { "kill grace longer than an hour", "kill-grace: 2h\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.OutOfRange },
        { "backoff longer than a day", "retry: { attempts: 1, backoff: 2d }\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.OutOfRange },
        { "http timeout under 100ms", "schedule: \"0 * * * *\"\nhttp: { url: \"https://example.com\", timeout: 50ms }\n", DiagnosticCodes.OutOfRange },
        { "cleanup age under a minute", "schedule: \"0 * * * *\"\ncleanup: { path: logs, older-than: 30s }\n", DiagnosticCodes.OutOfRange },
        { "duration longer than ten years", "starting-deadline: 99999d\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.InvalidDuration },
        { "size too large", "schedule: \"0 * * * *\"\ncleanup: { path: logs, max-total-size: 99999999999TB }\n", DiagnosticCodes.InvalidValue },
        { "url that is not a URL", "schedule: \"0 * * * *\"\nhttp: { url: \"http://exa mple.com\" }\n", DiagnosticCodes.InvalidValue },
        { "whole number written as a float", "max-catch-up: 5.0\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.WrongType },
        { "whole number written in hexadecimal", "max-catch-up: 0x10\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.WrongType },
        { "whole number written with an exponent", "max-catch-up: 1e2\nschedule: \"0 * * * *\"\nshell: echo hi\n", DiagnosticCodes.WrongType },
    };

    [Theory]
    [MemberData(nameof(ScheduleFiles))]
    public void Every_file_in_the_schedules_folder_is_valid_for_the_parser_and_the_schema(string relativePath)
    {
        var path = Path.Combine(RepositoryRoot(), "schedules", relativePath);
        var bytes = File.ReadAllBytes(path);
        var result = TaskReader.Read(new SourceFile(relativePath, $"schedules/{relativePath}", bytes), From);

        Assert.True(result.Task is not null, Describe(result));
        AssertSchemaAccepts(Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void The_schedules_folder_has_examples_to_check()
    {
        Assert.NotEmpty(ScheduleFiles);
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void A_valid_task_is_accepted_by_the_parser_and_the_schema(string name, string yaml)
    {
        var result = Parse(yaml);

        Assert.True(result.Task is not null, $"{name}: {Describe(result)}");
        AssertSchemaAccepts(yaml);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void A_bad_task_is_rejected_by_the_parser_and_the_schema(string name, string yaml, string code)
    {
        var result = Parse(yaml);

        Assert.True(result.Task is null, $"{name}: the parser accepted it");
        Assert.True(result.Diagnostics.Any(d => d.Code == code), $"{name}: expected {code}, got {Describe(result)}");
        Assert.False(Schema.IsValid(YamlToJson.Convert(yaml)), $"{name}: the schema accepted it");
    }

    /// <summary>
    /// What a JSON schema cannot know: whether a cron expression ever fires or its numbers are in range, which
    /// time zones exist, which template variables a run provides, and duration or size limits (a pattern only
    /// sees the syntax). Editors accept these; <c>scheduler validate</c> and CI catch them.
    /// </summary>
    [Theory]
    [MemberData(nameof(OnlyTheParserRejects))]
    public void A_mistake_only_the_parser_can_see_passes_the_schema_and_fails_the_parser(string name, string yaml, string code)
    {
        var result = Parse(yaml);

        AssertSchemaAccepts(yaml);
        Assert.True(result.Task is null, $"{name}: the parser accepted it");
        Assert.True(result.Diagnostics.Any(d => d.Code == code), $"{name}: expected {code}, got {Describe(result)}");
    }

    [Fact]
    public void The_schema_in_docs_is_a_byte_identical_copy_of_the_embedded_schema()
    {
        var docs = File.ReadAllBytes(Path.Combine(RepositoryRoot(), "docs", "task.schema.json"));

        Assert.Equal(Encoding.UTF8.GetBytes(TaskSchema.Json), docs);
    }

    [Fact]
    public void The_schema_knows_exactly_the_keys_the_parser_knows()
    {
        var root = JsonNode.Parse(TaskSchema.Json)!;
        var schedule = root["properties"]!["schedule"]!["oneOf"]![1]!;

        AssertKeys(Keys.Task, root);
        AssertKeys(Keys.Schedule, schedule);
        AssertKeys(Keys.Weekly, schedule["properties"]!["weekly"]!);
        AssertKeys(Keys.Retry, root["properties"]!["retry"]!);
        AssertKeys(Keys.Http, root["properties"]!["http"]!);
        AssertKeys(Keys.SqliteBackup, root["properties"]!["sqlite-backup"]!);
        AssertKeys(Keys.Cleanup, root["properties"]!["cleanup"]!);
        AssertKeys(Keys.Notify, root["properties"]!["notify"]!);
        AssertKeys(Keys.Webhook, root["properties"]!["notify"]!["properties"]!["webhook"]!);
    }

    [Fact]
    public void Every_property_in_the_schema_has_a_title_a_description_and_examples()
    {
        var missing = new List<string>();
        Walk(JsonNode.Parse(TaskSchema.Json)!, "#", missing);

        Assert.Empty(missing);
    }

    [Fact]
    public void The_defaults_in_the_schema_are_the_parsers_defaults()
    {
        var properties = JsonNode.Parse(TaskSchema.Json)!["properties"]!;

        Assert.True(properties["enabled"]!["default"]!.GetValue<bool>());
        Assert.Equal("latest", properties["catch-up"]!["default"]!.GetValue<string>());
        Assert.Equal(TaskDefinition.DefaultMaxCatchUp, properties["max-catch-up"]!["default"]!.GetValue<int>());
        Assert.Equal("forbid", properties["overlap"]!["default"]!.GetValue<string>());
        Assert.Equal(Durations.Format(TaskDefinition.DefaultTimeout), properties["timeout"]!["default"]!.GetValue<string>());
        Assert.Equal(Durations.Format(TaskDefinition.DefaultKillGrace), properties["kill-grace"]!["default"]!.GetValue<string>());
        Assert.Equal("30s", properties["retry"]!["properties"]!["backoff"]!["default"]!.GetValue<string>());
        Assert.Equal(Durations.Format(HttpHandler.DefaultTimeout), properties["http"]!["properties"]!["timeout"]!["default"]!.GetValue<string>());
        Assert.Equal("GET", properties["http"]!["properties"]!["method"]!["default"]!.GetValue<string>());
        Assert.Equal(SqliteBackupHandler.DefaultKeep, properties["sqlite-backup"]!["properties"]!["keep"]!["default"]!.GetValue<int>());
        Assert.Equal("*", properties["cleanup"]!["properties"]!["pattern"]!["default"]!.GetValue<string>());
        Assert.False(properties["cleanup"]!["properties"]!["dry-run"]!["default"]!.GetValue<bool>());
        Assert.Equal(NotifyDefinition.DefaultStreak, properties["notify"]!["properties"]!["streak"]!["default"]!.GetValue<int>());
        Assert.Equal(NotifyDefinition.DefaultEvents.Select(e => e.ToString().ToLowerInvariant()), properties["notify"]!["properties"]!["on"]!["default"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("UTC", properties["schedule"]!["oneOf"]![1]!["properties"]!["timezone"]!["default"]!.GetValue<string>());
    }

    [Fact]
    public void The_yaml_converter_reads_plain_scalars_as_yaml_1_2_does()
    {
        var json = YamlToJson.Convert("a: 5\nb: \"5\"\nc: yes\nd: true\ne: ~\nf: 02:30\ng: 1.5\nh: 'true'\ni: -7\n")!;

        Assert.Equal("""{"a":5,"b":"5","c":"yes","d":true,"e":null,"f":"02:30","g":1.5,"h":"true","i":-7}""", json.ToJsonString());
    }

    private static void AssertSchemaAccepts(string yaml)
    {
        var errors = Schema.Errors(YamlToJson.Convert(yaml)).ToList();
        Assert.True(errors.Count == 0, "The schema rejected it:\n" + string.Join("\n", errors));
    }

    private static void AssertKeys(IEnumerable<string> parserKeys, JsonNode schema)
    {
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(parserKeys.Order(StringComparer.Ordinal), schema["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    private static void Walk(JsonNode node, string at, List<string> missing)
    {
        if (node is JsonObject obj)
        {
            if (obj["properties"] is JsonObject properties)
            {
                foreach (var (name, property) in properties)
                {
                    foreach (var annotation in new[] { "title", "description", "examples" })
                    {
                        if (property is JsonObject p && !p.ContainsKey(annotation))
                        {
                            missing.Add($"{at}/properties/{name}: {annotation}");
                        }
                    }
                }
            }

            foreach (var (key, child) in obj)
            {
                if (child is not null)
                {
                    Walk(child, $"{at}/{key}", missing);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is { } child)
                {
                    Walk(child, $"{at}/{i}", missing);
                }
            }
        }
    }

    private static TaskFileResult Parse(string yaml) =>
        TaskReader.Read(new SourceFile("demo.yaml", "schedules/demo.yaml", Encoding.UTF8.GetBytes(yaml)), From);

    private static string Describe(TaskFileResult result) =>
        string.Join("\n", result.Diagnostics.Select(d => $"{d.Code} {d.Position.Line}:{d.Position.Column} {d.Message}"));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Scheduler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Scheduler.sln.");
    }
}
