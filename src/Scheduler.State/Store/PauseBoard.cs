using Scheduler.State.Entities;

namespace Scheduler.State.Store;

/// <summary>
/// The pauses as last read from the store, read again at most once per <see cref="MaxAge"/> (or at once after a change
/// made through this process), so a pause made on another replica holds here within a second and the hot path pays
/// one small read a second at most, not one per run. Shared by the engine and the page of one process.
/// </summary>
public sealed class PauseBoard(RunStore store, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private volatile IReadOnlyList<PauseRecord> _current = [];
    private long _readAtTicks = long.MinValue;
    private volatile bool _stale = true;

    /// <summary>The pauses of the last read (none before the first).</summary>
    public IReadOnlyList<PauseRecord> Current => _current;

    /// <summary>The pauses, read from the store when the last read is older than <see cref="MaxAge"/> or a change was made here.</summary>
    public async ValueTask<IReadOnlyList<PauseRecord>> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcTicks;
        var readAt = Interlocked.Read(ref _readAtTicks);
        if (!_stale && now >= readAt && now - readAt < MaxAge.Ticks)
        {
            return _current;
        }

        _stale = false;
        try
        {
            _current = await store.ListPausesAsync(cancellationToken);
        }
        catch
        {
            _stale = true;
            throw;
        }

        Interlocked.Exchange(ref _readAtTicks, now);
        return _current;
    }

    /// <summary>The pause in force on a task at <paramref name="now"/> in the last read.</summary>
    public PauseRecord? For(string taskId, DateTimeOffset now) => PauseTargets.For(_current, taskId, now);

    /// <summary>A pause or resume was written through this process: the next read goes to the store.</summary>
    public void Invalidate() => _stale = true;
}
