namespace Scheduler.Web.Views;

/// <summary>The model of <c>/runs/{id}</c>: every field of the run and its output tail.</summary>
public sealed record RunPageView(
    long Id,
    string TaskId,
    string TaskUrl,
    string Trigger,
    string Slot,
    string? SlotLocal,
    int Attempt,
    string Status,
    string? StartedAt,
    string? FinishedAt,
    string Duration,
    string ExitCode,
    string OutputTail,
    long OutputBytes,
    bool OutputTruncated,
    string? Error,
    string Revision,
    string Instance,
    bool IsRunning,
    string LiveUrl,
    FormToken Form,
    string Stamp)
{
    /// <summary>The run's parameter values by name (what was given, defaults filled in); null when its task declares none.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
}
