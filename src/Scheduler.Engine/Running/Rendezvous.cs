namespace Scheduler.Engine.Running;

/// <summary>
/// Rendezvous (highest-random-weight) hashing of task ids over instance names: each (instance, task) pair gets a stable
/// pseudo-random weight and the heaviest instance owns the task. Every replica computes the same owner from the same
/// names, with no coordination; when an instance joins or leaves, only the tasks it wins or held move.
/// </summary>
internal static class Rendezvous
{
    /// <summary>The owner of <paramref name="taskId"/> among <paramref name="instances"/> (not empty, no duplicates).</summary>
    public static string Owner(string taskId, IReadOnlyList<string> instances)
    {
        ArgumentOutOfRangeException.ThrowIfZero(instances.Count);
        var task = Hash(taskId);
        var owner = instances[0];
        var best = Weight(task, Hash(owner));
        for (var i = 1; i < instances.Count; i++)
        {
            var weight = Weight(task, Hash(instances[i]));
            if (weight > best || (weight == best && string.CompareOrdinal(instances[i], owner) < 0))
            {
                (owner, best) = (instances[i], weight);
            }
        }

        return owner;
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes and .NET versions, unlike string.GetHashCode.</summary>
    internal static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>The pair's weight: the two hashes combined, then mixed (SplitMix64's finalizer) so that FNV's weak low bits do not bias owners.</summary>
    internal static ulong Weight(ulong task, ulong instance)
    {
        var z = task ^ (instance * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
