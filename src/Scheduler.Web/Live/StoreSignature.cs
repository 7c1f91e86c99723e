namespace Scheduler.Web.Live;

/// <summary>
/// A few numbers that change whenever something a page shows changes: a run added, a run ending or printing
/// (the running runs and their output size), a task's summary (failure streaks, last runs, count), the config
/// errors and the revision this instance last attempted. Cheap to read: the primary key's end, the status index.
/// </summary>
internal sealed record StoreSignature(long MaxRunId, long RunningIds, long RunningBytes, int RunningCount, int Tasks, long Streaks, long LastRuns, int ConfigErrors, string? Revision);
