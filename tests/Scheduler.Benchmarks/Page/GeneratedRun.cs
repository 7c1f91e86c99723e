namespace Scheduler.Benchmarks.Page;

/// <summary>One Runs row as stored: instants in Unix milliseconds, trigger and status as their stored names.</summary>
internal readonly record struct GeneratedRun(
    int Task,
    string Trigger,
    long SlotMs,
    int Attempt,
    string Status,
    long? StartedMs,
    long? FinishedMs,
    int? ExitCode,
    string OutputTail,
    long OutputBytes,
    string? Error);
