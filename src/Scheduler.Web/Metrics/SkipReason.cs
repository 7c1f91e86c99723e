namespace Scheduler.Web.Metrics;

/// <summary>A skipped run's error as a label with few values: the error text names runs and slots, which would make every skip its own series.</summary>
internal static class SkipReason
{
    public static string Of(string? error) =>
        error is null ? "unknown"
        : error.Contains("overlap: forbid", StringComparison.Ordinal) ? "overlap-forbid"
        : error.Contains("deadline", StringComparison.OrdinalIgnoreCase) ? "starting-deadline"
        : "other";

    /// <summary>The engine's reason for passing slots over, as a label: downtime, max-catch-up or starting-deadline (the first when several).</summary>
    public static string OfPassed(string? reason) =>
        reason is null ? "unknown"
        : reason.StartsWith("missed while the scheduler was not running", StringComparison.Ordinal) ? "downtime"
        : reason.StartsWith("more than max-catch-up", StringComparison.Ordinal) ? "max-catch-up"
        : reason.StartsWith("older than starting-deadline", StringComparison.Ordinal) ? "starting-deadline"
        : "other";
}
