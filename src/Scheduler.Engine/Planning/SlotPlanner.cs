using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Scheduling;

namespace Scheduler.Engine.Planning;

/// <summary>
/// The engine's decision of which slots to run, as a pure function of (definition, watermark, now):
/// no clock, no store, so every policy is tested with literal instants.
/// </summary>
/// <remarks>
/// The watermark is the latest instant whose slots are all handled; slots in (watermark, now] are due.
/// Only the most recent due slot can be on time, and only when it is no older than <c>missedAfter</c>:
/// a loop that keeps up wakes once per slot. Every other due slot was missed (downtime, suspend, a clock
/// jump, a loop that fell behind) and follows the task's catch-up policy and starting deadline.
/// </remarks>
public static class SlotPlanner
{
    /// <summary>Enumerating more due slots than this means a long outage of a frequent task; we then look back in widening windows instead.</summary>
    private const int MaxEnumerated = 20_000;

    private static readonly TimeSpan[] LookBackWindows = [TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(400)];

    public static SlotPlan Plan(TaskDefinition task, DateTimeOffset? watermark, DateTimeOffset now, TimeSpan missedAfter)
    {
        var schedule = task.Slots;
        if (watermark is { } mark && mark < now && TryPlanOnTime(task, mark, now, missedAfter) is { } onTimeOnly)
        {
            return onTimeOnly;
        }

        var next = schedule.NextAfter(now)?.Utc;
        if (watermark is not { } from || from >= now)
        {
            // A task seen for the first time starts from now: nothing before it was ever owed.
            return new SlotPlan([], 0, null, watermark is { } w && w > now ? w : now, next);
        }

        // One slot more than can run, so the last slot of a passed range before the runs is known.
        var due = DueSlots(schedule, from, now, (task.CatchUp == CatchUpPolicy.All ? task.MaxCatchUp : 1) + 2, out var totalDue);
        if (due.Count == 0)
        {
            return new SlotPlan([], 0, null, now, next);
        }

        var onTime = now - due[^1] <= missedAfter ? 1 : 0;
        var missed = due.Count - onTime;
        var missedTotal = totalDue - onTime;
        var catchUpCount = task.CatchUp switch
        {
            CatchUpPolicy.None => 0,
            CatchUpPolicy.Latest => onTime > 0 ? 0 : Math.Min(1, missedTotal),
            _ => Math.Min(task.MaxCatchUp, missedTotal),
        };
        var runs = new List<PlannedRun>();
        var passed = new List<PassedRange>();
        if (missedTotal - catchUpCount > 0)
        {
            var reason = task.CatchUp == CatchUpPolicy.All
                ? $"more than max-catch-up ({task.MaxCatchUp}) slots were missed"
                : $"missed while the scheduler was not running (catch-up: {task.CatchUp.ToString().ToLowerInvariant()})";
            passed.Add(new PassedRange(
                schedule.NextAfter(from)!.Value.Utc, due[missed - catchUpCount - 1], missedTotal - catchUpCount,
                task.CatchUp == CatchUpPolicy.All ? PassedCause.MaxCatchUp : PassedCause.Downtime, reason));
        }

        for (var i = missed - catchUpCount; i < due.Count; i++)
        {
            var slot = due[i];
            if (task.StartingDeadline is { } deadline && now - slot > deadline)
            {
                AddPassed(passed, slot, PassedCause.StartingDeadline, $"older than starting-deadline ({Definitions.Values.Durations.Format(deadline)})");
            }
            else
            {
                runs.Add(new PlannedRun(slot, i < missed ? RunTrigger.CatchUp : RunTrigger.Schedule));
            }
        }

        return new SlotPlan(
            runs, passed.Sum(p => p.Count), passed.Count == 0 ? null : string.Join("; ", passed.Select(p => p.Reason).Distinct()), now, next)
        {
            FirstPassedCause = passed.Count == 0 ? null : passed[0].Cause,
            PassedRanges = passed,
        };
    }

    /// <summary>Adds one passed slot, to the last range when that one is for the same reason (the slots come oldest first).</summary>
    private static void AddPassed(List<PassedRange> passed, DateTimeOffset slot, PassedCause cause, string reason)
    {
        if (passed.Count > 0 && passed[^1].Cause == cause)
        {
            passed[^1] = passed[^1] with { To = slot, Count = passed[^1].Count + 1 };
        }
        else
        {
            passed.Add(new PassedRange(slot, slot, 1, cause, reason));
        }
    }

    /// <summary>
    /// The case of a loop that keeps up, every tick of every task: exactly one slot is due and it is on time (and
    /// within any starting deadline). Two slot computations and one small plan, where the general path walks the
    /// due slots into lists; a tick of thousands of tasks spent most of its planning time there. Null otherwise.
    /// </summary>
    private static SlotPlan? TryPlanOnTime(TaskDefinition task, DateTimeOffset from, DateTimeOffset now, TimeSpan missedAfter)
    {
        if (task.Slots.NextAfter(from)?.Utc is not { } slot || slot > now || now - slot > missedAfter
            || (task.StartingDeadline is { } deadline && now - slot > deadline))
        {
            return null;
        }

        var next = task.Slots.NextAfter(slot)?.Utc;
        return next is { } n && n <= now
            ? null // more than one slot is due: the general path decides what was missed
            : new SlotPlan([new PlannedRun(slot, RunTrigger.Schedule)], 0, null, now, next);
    }

    /// <summary>
    /// The latest <paramref name="keep"/> due slots in (from, now], oldest first; <paramref name="total"/> counts all
    /// due slots (a lower bound past <see cref="MaxEnumerated"/>).
    /// </summary>
    private static List<DateTimeOffset> DueSlots(Schedule schedule, DateTimeOffset from, DateTimeOffset now, int keep, out int total)
    {
        var start = from;
        foreach (var window in LookBackWindows)
        {
            if (now - window > start && CountUpTo(schedule, start, now - window, MaxEnumerated) >= MaxEnumerated)
            {
                // Too many slots to walk one by one: count roughly and only walk the recent window.
                total = MaxEnumerated;
                start = now - window;
                var recent = Walk(schedule, start, now, keep, out var recentCount);
                total += recentCount;
                return recent;
            }
        }

        return Walk(schedule, start, now, keep, out total);
    }

    private static List<DateTimeOffset> Walk(Schedule schedule, DateTimeOffset from, DateTimeOffset now, int keep, out int count)
    {
        // A bounded queue keeps memory flat however many slots there are.
        var kept = new Queue<DateTimeOffset>();
        count = 0;
        for (var slot = schedule.NextAfter(from); slot is { } s && s.Utc <= now; slot = schedule.NextAfter(s.Utc))
        {
            count++;
            kept.Enqueue(s.Utc);
            if (kept.Count > keep)
            {
                kept.Dequeue();
            }
        }

        return [.. kept];
    }

    private static int CountUpTo(Schedule schedule, DateTimeOffset from, DateTimeOffset to, int limit)
    {
        var count = 0;
        for (var slot = schedule.NextAfter(from); slot is { } s && s.Utc <= to && count < limit; slot = schedule.NextAfter(s.Utc))
        {
            count++;
        }

        return count;
    }
}
