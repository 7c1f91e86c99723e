namespace Scheduler.State.Entities;

/// <summary>The audit actions the scheduler writes. A string column, so later actions need no migration.</summary>
public static class AuditActions
{
    public const string RunNow = "run-now";
    public const string Cancel = "cancel";
    public const string ConfigApplied = "config-applied";
    public const string TaskRetired = "task-retired";
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Suspend = "suspend";
}
