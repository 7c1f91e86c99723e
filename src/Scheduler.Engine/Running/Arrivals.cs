namespace Scheduler.Engine.Running;

/// <summary>
/// A count of items handed in (ended runs) and the wait that lets a burst of them gather: the end writer gathers ends
/// for one transaction, the loop gathers them for one wake. Each pass yields one turn of the thread pool, behind the
/// runs queued there, and the wait is over at the first turn that brings nothing new. No clock, so a lone item waits
/// one turn and tests on a fake clock are unaffected.
/// </summary>
internal sealed class Arrivals
{
    private long _count;

    public void Add() => Interlocked.Increment(ref _count);

    /// <summary>Waits while items keep arriving, for at most <paramref name="maxTurns"/> turns and while
    /// <paramref name="keepGathering"/> (given how many arrived since the call) says so.</summary>
    public async Task GatherAsync(int maxTurns, Func<long, bool> keepGathering)
    {
        var first = Volatile.Read(ref _count);
        var seen = first;
        for (var turn = 0; turn < maxTurns && keepGathering(seen - first); turn++)
        {
            await Task.Yield();
            var now = Volatile.Read(ref _count);
            if (now == seen)
            {
                return;
            }

            seen = now;
        }
    }
}
