namespace Scheduler.Definitions.Scheduling;

/// <summary>Which daylight-saving oddity a <see cref="DstNotice"/> reports.</summary>
public enum DstNoticeKind
{
    /// <summary>The nominal local time does not exist that day (clocks jump forward over it).</summary>
    Gap,

    /// <summary>The nominal local time happens twice that day (clocks go back over it).</summary>
    RepeatedHour,
}
