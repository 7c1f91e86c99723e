namespace Scheduler.Definitions.Scheduling;

/// <summary>Why a slot's local time is not simply the schedule's nominal wall-clock time.</summary>
public enum SlotNote
{
    /// <summary>The slot is at its nominal local time.</summary>
    None,

    /// <summary>The nominal local time fell in a spring-forward gap; the slot runs at the end of the gap.</summary>
    DstGapShifted,

    /// <summary>The slot's local time occurs twice on that day (fall-back); the offset tells which half.</summary>
    DstRepeatedHour,
}
