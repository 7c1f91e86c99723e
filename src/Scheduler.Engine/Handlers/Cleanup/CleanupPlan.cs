using Scheduler.Definitions.Model;
using Scheduler.Definitions.Values;

namespace Scheduler.Engine.Handlers.Cleanup;

/// <summary>
/// Chooses what a cleanup deletes, as a pure function of the files, the rules and the instant:
/// the newest <c>keep-last</c> files are always kept; of the rest, those last modified longer than <c>older-than</c>
/// ago go (or, with <c>keep-last</c> and no <c>older-than</c>, all of them); then, while the survivors exceed
/// <c>max-total-size</c>, the oldest unprotected survivor goes.
/// </summary>
internal static class CleanupPlan
{
    public static List<Doomed> Select(IReadOnlyCollection<CleanupFile> files, CleanupHandler rules, DateTimeOffset now)
    {
        var newestFirst = files
            .OrderByDescending(f => f.LastWriteUtc)
            .ThenBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToList();
        var keep = Math.Min(rules.KeepLast ?? 0, newestFirst.Count);
        var doomed = new List<Doomed>();
        var survivors = newestFirst.Take(keep).ToList(); // newest first; the protected ones lead
        foreach (var file in newestFirst.Skip(keep))
        {
            if (rules.OlderThan is { } age)
            {
                if (now - file.LastWriteUtc > age)
                {
                    doomed.Add(new Doomed(file, $"older than {Durations.Format(age)}"));
                    continue;
                }
            }
            else if (rules.KeepLast is { } keepLast)
            {
                doomed.Add(new Doomed(file, $"not among the newest {keepLast}"));
                continue;
            }

            survivors.Add(file);
        }

        if (rules.MaxTotalBytes is { } max)
        {
            var total = survivors.Sum(f => f.Length);
            for (var i = survivors.Count - 1; i >= keep && total > max; i--)
            {
                doomed.Add(new Doomed(survivors[i], $"over max-total-size ({ByteText.Format(max)})"));
                total -= survivors[i].Length;
            }
        }

        return doomed.OrderBy(d => d.File.LastWriteUtc).ThenBy(d => d.File.RelativePath, StringComparer.Ordinal).ToList();
    }
}
