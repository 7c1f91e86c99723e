namespace Scheduler.Definitions.Tests.Schema;

/// <summary>Tasks both the parser and the schema accept: one case per feature of the format.</summary>
public static class ValidTaskCases
{
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
        { "a concurrency group", "concurrency: { group: db, limit: 2 }\nschedule: \"0 * * * *\"\nshell: echo hi\n" },
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
}
