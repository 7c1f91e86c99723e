namespace Scheduler.Benchmarks.Page;

/// <summary>
/// One task of the generated store: its file (as it is now in the folder), the definition the store keeps
/// (the same text, or the last good one when the file is now broken), and how many runs it gets.
/// </summary>
internal sealed record SeededTask(
    string Id,
    string RelativePath,
    string FileText,
    string StoredYaml,
    bool Enabled,
    bool Broken,
    DateTimeOffset? NextSlotUtc,
    int Runs,
    TimeSpan Interval,
    DateTimeOffset LastSlot,
    int FailingTail)
{
    /// <summary>A task with 100k+ runs that fires every five minutes, also during the benchmark.</summary>
    public bool IsBig => Interval == PageTaskGenerator.BigInterval;
}
