using Scheduler.Definitions.Scheduling;
using Scheduler.Definitions.Values;

namespace Scheduler.Planning;

/// <summary>A slot's columns as <c>scheduler next</c> prints them, so plan and next read the same.</summary>
internal static class SlotText
{
    public static string Local(Slot slot) => TimeText.Local(slot.Local);

    public static string Utc(Slot slot) => TimeText.Utc(slot.Utc);

    public static string? Note(Slot slot) => slot.Note switch
    {
        SlotNote.DstGapShifted => "moved: its local time does not exist on this day, DST gap",
        SlotNote.DstRepeatedHour => "this local time occurs twice on this day, DST fall-back",
        _ => null,
    };

    /// <summary><c>Europe/Berlin and UTC</c>, or just <c>UTC</c> when the two columns are the same clock.</summary>
    public static string Zones(Definitions.Model.TaskDefinition task) =>
        task.Schedule.TimeZoneId == "UTC" ? "UTC" : $"{task.Schedule.TimeZoneId} and UTC";

    /// <summary>Why a planned task shows no slots.</summary>
    public static string NoSlots(Definitions.Planning.PlannedTask planned) => planned.Task switch
    {
        { Enabled: false } => "No slots: the task is disabled (enabled: false).",
        _ when planned.After is { } after => $"No slots of its own. {after}",
        _ => "No scheduled slots: it runs only when started by hand.",
    };
}
