namespace Scheduler.Benchmarks.Page;

/// <summary>
/// One kind of request measured: its name in the table and JSON, the target p99 (null: none set), and how the
/// n-th request's path is made (the run page walks over many runs so no single row stays hot).
/// </summary>
internal sealed record PageKind(string Key, string Title, double? TargetP99Ms, Func<int, string> Path)
{
    /// <summary>Whether a request path logged by serve is one of this kind's.</summary>
    public Func<string, bool> Matches { get; init; } = _ => false;
}
