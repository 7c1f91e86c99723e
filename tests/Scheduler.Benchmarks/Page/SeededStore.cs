namespace Scheduler.Benchmarks.Page;

/// <summary>What <see cref="PageSeeder"/> built: where, how many rows, and the ids the requests need.</summary>
internal sealed record SeededStore(
    string Root,
    string Schedules,
    string Data,
    IReadOnlyList<SeededTask> Tasks,
    long Runs,
    long Audit,
    long DatabaseBytes,
    double Seconds,
    IReadOnlyDictionary<string, long[]> BigTaskRunIds,
    IReadOnlyDictionary<string, int> RunCounts);
