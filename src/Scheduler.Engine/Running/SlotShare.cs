namespace Scheduler.Engine.Running;

/// <summary>
/// Spreads the due slots over the live replicas: a task's slots are claimed first by its owner among the live
/// instances (<see cref="Rendezvous"/>); every other replica plans the task <see cref="EngineOptions.ClaimGrace"/> late,
/// so it claims a slot only when the owner has not (dead, stalled, draining). The unique (task, slot, attempt) claim
/// keeps each slot to one run when both try. Alone on a store (SQLite, a single replica) it owns every task.
/// </summary>
/// <remarks>
/// The live set is replaced whole by the replica duties (from the instances' heartbeats) and read by the loop; owners
/// are cached per live set, so a tick of thousands of tasks hashes each once.
/// </remarks>
internal sealed class SlotShare(string self, TimeSpan grace)
{
    private volatile Members _members = new([self]);

    /// <summary>The live instances the slots are spread over, this one among them, in name order.</summary>
    public IReadOnlyList<string> Live => _members.Names;

    /// <summary>Takes the live instances' names (this instance always among them); a change moves the tasks they win or held.</summary>
    public bool Update(IEnumerable<string> live)
    {
        var names = live.Append(self).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (names.SequenceEqual(_members.Names, StringComparer.Ordinal))
        {
            return false;
        }

        _members = new Members(names);
        return true;
    }

    public bool Owns(string taskId) => _members.Owns(taskId, self);

    /// <summary>The instant the loop plans <paramref name="taskId"/> at: now for its owner, <see cref="EngineOptions.ClaimGrace"/> ago for the others.</summary>
    public DateTimeOffset PlansAt(string taskId, DateTimeOffset now) => Owns(taskId) ? now : now - grace;

    /// <summary>When the loop wakes for the task's <paramref name="next"/> slot: at it for its owner, a grace after it for the others.</summary>
    public DateTimeOffset? WakeAt(string taskId, DateTimeOffset? next) => next is { } slot && !Owns(taskId) ? slot + grace : next;

    private sealed class Members(string[] names)
    {
        private readonly Dictionary<string, bool> _owned = new(StringComparer.Ordinal);

        public string[] Names { get; } = names;

        // Only the loop asks (one flow of control), so the cache needs no lock.
        public bool Owns(string taskId, string self)
        {
            if (Names.Length == 1)
            {
                return true;
            }

            if (!_owned.TryGetValue(taskId, out var owned))
            {
                owned = string.Equals(Rendezvous.Owner(taskId, Names), self, StringComparison.Ordinal);
                _owned[taskId] = owned;
            }

            return owned;
        }
    }
}
