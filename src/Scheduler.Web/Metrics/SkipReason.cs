namespace Scheduler.Web.Metrics;

/// <summary>A skipped run's error as a label with few values: the error text names runs and slots, which would make every skip its own series.</summary>
internal static class SkipReason
{
    public static string Of(string? error) =>
        error is null ? "unknown"
        : error.Contains("overlap: forbid", StringComparison.Ordinal) ? "overlap-forbid"
        : error.Contains("deadline", StringComparison.OrdinalIgnoreCase) ? "starting-deadline"
        : "other";
}
