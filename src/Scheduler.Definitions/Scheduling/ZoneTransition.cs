namespace Scheduler.Definitions.Scheduling;

/// <summary>
/// An instant at which a zone's UTC offset changes. <see cref="UtcTicks"/> is the first instant with
/// the new offset. Ticks rather than DateTimeOffset because the schedule does its arithmetic in ticks.
/// </summary>
internal readonly record struct ZoneTransition(long UtcTicks, TimeSpan Before, TimeSpan After)
{
    /// <summary>Clocks jump forward: local times [T+Before, T+After) do not exist.</summary>
    public bool IsGap => After > Before;

    /// <summary>Clocks go back: local times [T+After, T+Before) happen twice.</summary>
    public bool IsOverlap => After < Before;

    /// <summary>Local wall-clock ticks where the skipped or repeated window starts.</summary>
    public long WindowStartWallTicks => UtcTicks + (IsGap ? Before : After).Ticks;

    /// <summary>Local wall-clock ticks where the skipped or repeated window ends (exclusive).</summary>
    public long WindowEndWallTicks => UtcTicks + (IsGap ? After : Before).Ticks;
}
