// Kept as in Bench.Common (brace style included), so a diff against the original stays empty but for names.
#pragma warning disable IDE0011

namespace Scheduler.Benchmarks.Fire;

/// <summary>
/// Copied unchanged in behaviour from ../shared/peers-bench/Bench.Common (PROTOCOL.md asks every scheduler to
/// record with the same code, cost and memory).
/// Lock-free, preallocated store of W1 fire records (jobId, scheduled slot, actual start).
/// The job handler of every scheduler under test calls <see cref="Record"/> and nothing else.
///
/// Only records whose scheduled time OR actual start falls inside the measurement window are
/// stored; all others are only counted, so the arrays stay near N x duration entries whatever
/// happens during registration and warm-up. Until the window is known (registration, warm-up
/// set-up) <see cref="_windowStart"/> is long.MaxValue, so nothing is stored.
/// Memory: 20 bytes per stored record (touched only as records arrive).
/// </summary>
internal sealed class FireRecorder
{
    /// <summary>The recorder the handlers write to (handlers are created by the schedulers, so it is static).</summary>
    public static FireRecorder Current { get; set; } = new FireRecorder(0);

    private readonly int[] _jobIds;
    private readonly long[] _scheduledTicks;
    private readonly long[] _startTicks;
    private int _count;
    private long _dropped;      // window records that did not fit
    private long _outside;      // records neither scheduled nor started inside [windowStart, windowEnd)
    private long _total;        // every call to Record
    private long _startedInWindow; // any record whose actual start is inside the window
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MaxValue;

    public FireRecorder(int capacity)
    {
        _jobIds = new int[capacity];
        _scheduledTicks = new long[capacity];
        _startTicks = new long[capacity];
    }

    public int Capacity => _jobIds.Length;

    /// <summary>Sets the measurement window [start, end) in UTC ticks.</summary>
    public void SetWindow(long startTicks, long endTicks)
    {
        Volatile.Write(ref _windowEnd, endTicks);
        Volatile.Write(ref _windowStart, startTicks);
    }

    /// <summary>
    /// Called by the handler. <paramref name="startUtcTicks"/> must be DateTime.UtcNow.Ticks read as the
    /// first thing the handler does; <paramref name="scheduledUtcTicks"/> is the schedule slot this run is for.
    /// </summary>
    public void Record(int jobId, long scheduledUtcTicks, long startUtcTicks)
    {
        Interlocked.Increment(ref _total);
        long ws = Volatile.Read(ref _windowStart);
        long we = Volatile.Read(ref _windowEnd);
        bool startedIn = startUtcTicks >= ws && startUtcTicks < we;
        if (startedIn)
            Interlocked.Increment(ref _startedInWindow);
        if (!startedIn && (scheduledUtcTicks < ws || scheduledUtcTicks >= we))
        {
            Interlocked.Increment(ref _outside);
            return;
        }
        int i = Interlocked.Increment(ref _count) - 1;
        if ((uint)i >= (uint)_jobIds.Length)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        _jobIds[i] = jobId;
        _scheduledTicks[i] = scheduledUtcTicks;
        Volatile.Write(ref _startTicks[i], startUtcTicks);
    }

    /// <summary>Convenience overload for handlers that have DateTime/DateTimeOffset values.</summary>
    public void Record(int jobId, DateTime scheduledUtc, long startUtcTicks) =>
        Record(jobId, scheduledUtc.Ticks, startUtcTicks);

    public long Total => Interlocked.Read(ref _total);
    public long Dropped => Interlocked.Read(ref _dropped);
    public long Outside => Interlocked.Read(ref _outside);
    public long StartedInWindow => Interlocked.Read(ref _startedInWindow);
    public int StoredCount => Math.Min(Volatile.Read(ref _count), _jobIds.Length);

    internal (int[] jobIds, long[] scheduled, long[] start) Arrays => (_jobIds, _scheduledTicks, _startTicks);
}
