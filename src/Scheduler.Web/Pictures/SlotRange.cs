using System.Runtime.CompilerServices;
using Scheduler.Definitions.Scheduling;

namespace Scheduler.Web.Pictures;

/// <summary>
/// A schedule's slots as one sorted list, kept with the schedule (a definition's schedule lives as long as its version)
/// and grown as the windows asked for move on: <c>/timeline</c> asks for up to 96 slots before now and 96 after for
/// every strip it draws, which was up to 192 cron steps a task per request, and is now a binary search.
/// </summary>
internal sealed class SlotRange
{
    // A task that fires every minute adds 1,440 slots a day: start again from the window asked for rather than grow.
    private const int SlotsKept = 20_000;
    private static readonly ConditionalWeakTable<Schedule, SlotRange> Ranges = [];

    private readonly Schedule _schedule;
    private readonly Lock _lock = new();
    private readonly List<DateTimeOffset> _slots = [];
    private DateTimeOffset _from; // _slots holds every slot strictly after _from up to _to
    private DateTimeOffset _to;
    private bool _ended; // no slot after _to
    private bool _started;

    private SlotRange(Schedule schedule) => _schedule = schedule;

    /// <summary>Up to <paramref name="max"/> slots strictly after <paramref name="after"/> and before <paramref name="until"/>, in order: what stepping the schedule from <paramref name="after"/> gives.</summary>
    public static List<DateTimeOffset> Between(Schedule schedule, DateTimeOffset after, DateTimeOffset until, int max) =>
        Ranges.GetValue(schedule, s => new SlotRange(s)).Take(after, until, max);

    private List<DateTimeOffset> Take(DateTimeOffset after, DateTimeOffset until, int max)
    {
        lock (_lock)
        {
            if (!_started || after < _from || _slots.Count > SlotsKept)
            {
                _slots.Clear();
                _from = _to = after - TimeSpan.FromHours(1); // an hour early: the next request's window starts a little later
                _ended = false;
                _started = true;
            }

            var i = FirstAfter(after);
            var taken = new List<DateTimeOffset>();
            while (taken.Count < max)
            {
                if (i == _slots.Count && !Grow())
                {
                    break;
                }

                if (_slots[i] >= until)
                {
                    break;
                }

                taken.Add(_slots[i++]);
            }

            return taken;
        }
    }

    private bool Grow()
    {
        if (_ended || _schedule.NextAfter(_to) is not { } slot)
        {
            _ended = true;
            return false;
        }

        _slots.Add(slot.Utc);
        _to = slot.Utc;
        return true;
    }

    // The index of the first kept slot strictly after the instant (the count when none is), growing the list up to it.
    private int FirstAfter(DateTimeOffset instant)
    {
        while (_to <= instant && Grow())
        {
        }

        var low = 0;
        var high = _slots.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_slots[middle] <= instant)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
