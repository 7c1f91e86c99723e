namespace Scheduler.State.Store;

/// <summary>
/// A cap on the SQLite file's size in pages (<c>PRAGMA max_page_count</c>), applied to each connection as it opens:
/// past it, writes fail as on a full disk. Tests of a full disk use it (with pooling off, a change applies at the
/// next open); null is no cap.
/// </summary>
public sealed class PageLimit
{
    public long? MaxPages { get; set; }
}
