namespace Scheduler.Web.Views;

/// <summary>One run in a history table.</summary>
public sealed record RunRow(
    long Id,
    string Url,
    string Trigger,
    string Slot,
    int Attempt,
    string Status,
    string? Started,
    string? StartedUtc,
    string Duration,
    string ExitCode,
    string? Error,
    bool IsRunning);
