namespace Scheduler.State.Store;

/// <summary>What <see cref="RunStore.UpsertTaskAsync"/> did with a definition.</summary>
public enum UpsertOutcome
{
    Added,

    /// <summary>The definition's hash changed (a <c>config-applied</c> audit was written).</summary>
    Changed,

    /// <summary>Same hash; only bookkeeping (state, next slot, source path) may have moved.</summary>
    Unchanged,
}
