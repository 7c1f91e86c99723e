namespace Scheduler.Definitions.Loading;

/// <summary>
/// Task ids the caller knows existed before and are gone now: the ids a change removes (<c>plan</c>: base minus
/// head) or the tasks the service keeps as <c>retired</c> (<c>serve</c>). A chained task naming one of them is not a
/// typo but a task whose upstream was deleted, so the chain check gives the warning SCH103 instead of the error SCH060.
/// <c>validate</c> reads only the folder and passes none.
/// </summary>
/// <param name="Ids">The retired ids.</param>
/// <param name="Reason">How it came to be retired, read after the id: "is removed by this change", "was deleted from the folder".</param>
public sealed record RetiredUpstreams(IReadOnlySet<string> Ids, string Reason)
{
    /// <summary>What <c>plan</c> passes: the ids of base that head no longer has.</summary>
    public static RetiredUpstreams RemovedByChange(IEnumerable<string> baseIds, IEnumerable<string> headIds)
    {
        var removed = new HashSet<string>(baseIds, StringComparer.Ordinal);
        removed.ExceptWith(headIds);
        return new RetiredUpstreams(removed, "is removed by this change");
    }

    /// <summary>What <c>serve</c> passes: the store's retired tasks, and those this reconcile retires.</summary>
    public static RetiredUpstreams InStore(IEnumerable<string> ids) =>
        new(new HashSet<string>(ids, StringComparer.Ordinal), "was deleted from the folder");
}
