namespace Scheduler.Definitions.Parsing;

/// <summary>The keys of the task format (pinned: docs, the JSON schema and later parts rely on them).</summary>
internal static class Keys
{
    public static readonly string[] Handlers = ["command", "shell", "http", "sqlite-backup", "cleanup"];

    public static readonly string[] Task =
    [
        "description", "enabled", "schedule", "jitter", "catch-up", "max-catch-up", "starting-deadline", "overlap",
        "timeout", "kill-grace", "retry", "suspend-after-failures", "env", "working-directory", "priority", "concurrency", "notify", "params", .. Handlers,
    ];

    public static readonly string[] ScheduleKinds = ["cron", "every", "daily", "weekly", "manual", "after"];

    public static readonly string[] Schedule = [.. ScheduleKinds, "timezone", "on", "wait-for"];

    /// <summary>The keys beside <c>after</c> that only a chained schedule takes.</summary>
    public static readonly string[] Chain = ["on", "wait-for"];

    public static readonly string[] Weekly = ["days", "at"];

    /// <summary>The keys of one parameter under <c>params:</c> (each parameter's name is the user's, so it has no place of its own).</summary>
    public static readonly string[] Param = ["type", "default", "choices", "required", "description", "pattern"];

    public static readonly string[] Concurrency = ["group", "limit"];

    public static readonly string[] Retry = ["attempts", "backoff"];

    public static readonly string[] Notify = ["on", "streak", "webhook"];

    public static readonly string[] Webhook = ["url-from-env", "format", "template"];

    /// <summary>A credential by reference, where env and header values may be one.</summary>
    public static readonly string[] Reference = ["from-env", "from-file", "prefix"];

    public static readonly string[] Http = ["url", "method", "expect-status", "timeout", "headers", "body"];

    public static readonly string[] SqliteBackup = ["database", "to", "keep"];

    public static readonly string[] Cleanup = ["path", "pattern", "older-than", "keep-last", "max-total-size", "dry-run"];
}
