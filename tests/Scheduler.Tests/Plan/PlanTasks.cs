namespace Scheduler.Tests.Plan;

/// <summary>Task files the plan tests commit, before and after a change.</summary>
internal static class PlanTasks
{
    public const string NightlyBefore = """
        description: Nightly backup
        schedule: "30 2 * * *"
        command: ["backup"]
        """;

    public const string NightlyAfter = """
        description: Nightly backup
        schedule: { daily: "03:15", timezone: Europe/Berlin }
        timeout: 30m
        env: { DB_URL: { from-env: APP_DB_URL } }
        command: ["backup", "--full"]
        """;

    public const string Heartbeat = """
        schedule: { every: 5m }
        shell: echo alive
        """;

    public const string OldReport = """
        schedule: { weekly: { days: [mon], at: "06:00" } }
        shell: ./report.sh
        """;

    public const string Weekly = """
        description: Weekly summary to the chat
        schedule: { weekly: { days: [mon, fri], at: "04:00" }, timezone: Europe/Berlin }
        retry: { attempts: 2, backoff: 1m }
        http: { url: "https://example.com/hooks/weekly", method: POST, headers: { Authorization: { from-file: /run/secrets/chat_token, prefix: "Bearer " } } }
        """;

    /// <summary>Fires every 30 seconds: more often than once a minute, and within the hour of the test clock's 12:00Z.</summary>
    public const string Ping = """
        schedule: { every: 30s }
        catch-up: all
        http: { url: "https://example.com/ping" }
        """;

    public const string Broken = """
        description: Nightly backup
        schedule:
          cron: "61 2 * * *"
        command: ["backup"]
        """;

    /// <summary>A repository whose first commit (branch <c>main</c>) has nightly-db, heartbeat and old-report.</summary>
    public static TempRepository Base()
    {
        var repository = new TempRepository()
            .Write("schedules/backups/nightly-db.yaml", NightlyBefore)
            .Write("schedules/heartbeat.yaml", Heartbeat)
            .Write("schedules/reports/old.yaml", OldReport)
            .Write("README.md", "not a task\n");
        repository.Commit("Base tasks");
        return repository.Branch("main");
    }

    /// <summary>The change a pull request makes: nightly-db changed, reports/weekly and checks/ping added, reports/old removed.</summary>
    public static TempRepository WithChange(this TempRepository repository) => repository
        .Write("schedules/backups/nightly-db.yaml", NightlyAfter)
        .Write("schedules/reports/weekly.yaml", Weekly)
        .Write("schedules/checks/ping.yaml", Ping)
        .Write("schedules/.draft.yaml", "not: [valid")
        .Delete("schedules/reports/old.yaml");
}
