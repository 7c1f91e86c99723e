using Microsoft.Extensions.Time.Testing;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// A <see cref="FakeTimeProvider"/> made safe for a loop that runs on other threads while the test moves time.
/// </summary>
/// <remarks>
/// Two things differ from the bare fake, both so that a jump of the clock is seen as one jump:
/// <list type="bullet">
/// <item>Timer callbacks that come due while <see cref="Advance"/> moves the clock run after the clock
/// reached its target, on the thread pool (as real timers do), never inside <c>Advance</c> where the fake
/// would hand them intermediate instants and let the loop walk the jump step by step.</item>
/// <item>A timer is measured from the instant its creator last read the clock (tracked per async flow), not from
/// the instant it is created: a loop that read the clock, computed a delay and then created its timer after the
/// test advanced the clock would otherwise oversleep by the whole advance. This is the interleaving in which the
/// advance happened just after the timer was created, which a real clock allows too.</item>
/// </list>
/// </remarks>
internal sealed class TestClock : TimeProvider
{
    private readonly FakeTimeProvider _fake;
    private readonly AsyncLocal<DateTimeOffset?> _lastRead = new();
    private readonly Lock _gate = new();
    private readonly List<(TimerCallback Callback, object? State)> _held = [];
    private int _holds;
    private int _reads;
    private long _wallOffsetTicks; // the wall clock's steps back (NTP, an operator): timers, like real ones, do not see them

    public TestClock(DateTimeOffset start)
    {
        _fake = new FakeTimeProvider(start);
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => _fake.TimestampFrequency;

    /// <summary>How many times anyone read the clock: a way to tell that a loop woke and got to work.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public override DateTimeOffset GetUtcNow()
    {
        var now = _fake.GetUtcNow() + WallOffset;
        _lastRead.Value = now;
        Interlocked.Increment(ref _reads);
        return now;
    }

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (dueTime > TimeSpan.Zero && _lastRead.Value is { } readAt)
        {
            var late = _fake.GetUtcNow() + WallOffset - readAt;
            if (late > TimeSpan.Zero)
            {
                dueTime = dueTime > late ? dueTime - late : TimeSpan.Zero;
                if (dueTime == TimeSpan.Zero)
                {
                    // Already due: the fake would call back inside this call, on the creator's stack; real timers never do.
                    var timer = new ClockTimer(this);
                    timer.Inner = _fake.CreateTimer(timer.Fire, (callback, state), Timeout.InfiniteTimeSpan, period);
                    Dispatch(timer, callback, state);
                    return timer;
                }
            }
        }

        var created = new ClockTimer(this);
        created.Inner = _fake.CreateTimer(created.Fire, (callback, state), dueTime, period);
        return created;
    }

    /// <summary>Moves the clock forward; timers that came due run afterwards, seeing the final instant.</summary>
    public void Advance(TimeSpan by)
    {
        using (Hold())
        {
            _fake.Advance(by);
        }
    }

    /// <summary>
    /// Steps the wall clock back, as NTP or an operator can: <see cref="GetUtcNow"/> goes back, while timers keep
    /// counting elapsed time (the fake cannot go back; real timers are monotonic anyway).
    /// </summary>
    public void StepBack(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _wallOffsetTicks, -by.Ticks);
    }

    private TimeSpan WallOffset => TimeSpan.FromTicks(Interlocked.Read(ref _wallOffsetTicks));

    /// <summary>Holds timer callbacks until disposed, e.g. to let a command reach the loop before its timer does.</summary>
    public IDisposable Hold()
    {
        lock (_gate)
        {
            _holds++;
        }

        return new Release(this);
    }

    private void Dispatch(ClockTimer timer, TimerCallback callback, object? state)
    {
        lock (_gate)
        {
            if (_holds > 0)
            {
                _held.Add((_ => timer.RunIfAlive(callback, state), null));
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(_ => timer.RunIfAlive(callback, state), null);
    }

    private void Unhold()
    {
        List<(TimerCallback Callback, object? State)> due;
        lock (_gate)
        {
            if (--_holds > 0)
            {
                return;
            }

            due = [.. _held];
            _held.Clear();
        }

        foreach (var (callback, state) in due)
        {
            ThreadPool.UnsafeQueueUserWorkItem(s => callback(s), state);
        }
    }

    private sealed class Release(TestClock clock) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                clock.Unhold();
            }
        }
    }

    private sealed class ClockTimer(TestClock clock) : ITimer
    {
        private volatile bool _disposed;

        public ITimer? Inner { get; set; }

        public void Fire(object? state)
        {
            var (callback, callbackState) = ((TimerCallback, object?))state!;
            clock.Dispatch(this, callback, callbackState);
        }

        public void RunIfAlive(TimerCallback callback, object? state)
        {
            if (!_disposed)
            {
                callback(state);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => Inner?.Change(dueTime, period) ?? false;

        public void Dispose()
        {
            _disposed = true;
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
