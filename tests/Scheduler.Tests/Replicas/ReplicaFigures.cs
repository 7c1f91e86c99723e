using System.Globalization;
using Scheduler.Definitions.Runs;
using Scheduler.State.Entities;
using Scheduler.Tests.Serve;

namespace Scheduler.Tests.Replicas;

/// <summary>The witness file checked against the store over a window of every-second slots: what ran, twice, never, where.</summary>
internal sealed record ReplicaFigures(
    int Slots,
    IReadOnlyList<string> Duplicates,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unwitnessed,
    IReadOnlyList<string> Strangers,
    IReadOnlyList<string> BadEndings,
    int InterruptedByKill,
    IReadOnlyDictionary<string, int> ByInstance)
{
    public static ReplicaFigures Of(
        IReadOnlyList<string> tasks, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<RunRecord> runs, IReadOnlyList<WitnessLine> witness, string killed)
    {
        var inWindow = runs.Where(r => r.SlotUtc >= from && r.SlotUtc <= to).ToList();
        var slots = tasks.SelectMany(t => Seconds(from, to).Select(s => (Task: t, Slot: s))).ToList();
        var claimed = inWindow.ToLookup(r => (r.TaskId, r.SlotUtc));
        var lines = witness.Where(w => tasks.Contains(w.TaskId)).ToLookup(w => (w.TaskId, w.Slot));
        var byId = runs.ToDictionary(r => r.Id);

        // Twice in either record is a duplicate: two claims of one slot, or one claim whose command ran twice.
        var duplicates = slots.Where(s => claimed[s].Count() > 1 || lines[s].Count() > 1).Select(Name).ToList();
        var missing = slots.Where(s => !claimed[s].Any()).Select(Name).ToList();
        var unwitnessed = inWindow.Where(r => r.Status == RunStatus.Succeeded && !lines[(r.TaskId, r.SlotUtc)].Any()).Select(Name).ToList();
        var strangers = witness.Where(w => tasks.Contains(w.TaskId))
            .Where(w => !byId.TryGetValue(w.RunId, out var r) || r.TaskId != w.TaskId || r.SlotUtc != w.Slot)
            .Select(w => w.ToString())
            .ToList();
        // A tick claimed by the killed replica just before the kill may be interrupted; nothing else may end badly.
        var cut = inWindow.Where(r => r.Status == RunStatus.Interrupted && r.Instance == killed).ToList();
        var bad = inWindow.Where(r => r.Status != RunStatus.Succeeded && !cut.Contains(r))
            .Select(r => $"{Name(r)} {RunNames.Of(r.Status)} on {r.Instance}: {r.Error}")
            .ToList();
        var byInstance = inWindow.GroupBy(r => r.Instance).ToDictionary(g => g.Key, g => g.Count());
        return new ReplicaFigures(slots.Count, duplicates, missing, unwitnessed, strangers, bad, cut.Count, byInstance);
    }

    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"replica figures: {Slots} slots checked, {Duplicates.Count} duplicates, {Missing.Count} missing, ")
        + string.Create(CultureInfo.InvariantCulture, $"{InterruptedByKill} tick run(s) cut by the kill; runs by instance: ")
        + string.Join(", ", ByInstance.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));

    private static IEnumerable<DateTimeOffset> Seconds(DateTimeOffset from, DateTimeOffset to)
    {
        for (var s = from; s <= to; s += TimeSpan.FromSeconds(1))
        {
            yield return s;
        }
    }

    private static string Name((string Task, DateTimeOffset Slot) s) => $"{s.Task} {s.Slot:HH:mm:ss}";

    private static string Name(RunRecord r) => $"{r.TaskId} {r.SlotUtc:HH:mm:ss} #{r.Id}";
}
