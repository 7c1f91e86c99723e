using System.Globalization;

namespace Scheduler.Tests.Serve;

/// <summary>One line a run appended to the witness file at its start: <c>$SCHEDULER_TASK_ID $SCHEDULER_SLOT $SCHEDULER_RUN_ID</c>, maybe followed by a marker.</summary>
internal sealed record WitnessLine(string TaskId, DateTimeOffset Slot, long RunId, string Marker)
{
    public static WitnessLine Parse(string line)
    {
        var parts = line.Split(' ', 4);
        if (parts.Length < 3)
        {
            throw new FormatException($"Witness line '{line}' does not have the form 'task slot run-id [marker]'.");
        }

        return new WitnessLine(
            parts[0],
            DateTimeOffset.ParseExact(parts[1], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            long.Parse(parts[2], CultureInfo.InvariantCulture),
            parts.Length > 3 ? parts[3] : "");
    }

    public override string ToString() => $"{TaskId} {Slot.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} {RunId}{(Marker.Length > 0 ? " " + Marker : "")}";
}
