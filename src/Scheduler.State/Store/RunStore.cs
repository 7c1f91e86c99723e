using Microsoft.EntityFrameworkCore;
using Scheduler.Definitions.Runs;

namespace Scheduler.State.Store;

/// <summary>
/// The store API of the engine, reconciler and page. Each method is one short unit of work with its own
/// context; every instant is passed in, none is read from a clock here.
/// </summary>
/// <remarks>
/// Writes that must not go backwards (last slot, run summary) are conditional single-statement updates
/// rather than read-modify-write, so concurrent processes cannot undo each other. A transaction that
/// writes starts with a write: on SQLite a read first would later fail to upgrade while another writer commits.
/// </remarks>
public sealed partial class RunStore
{
    private readonly IDbContextFactory<SchedulerDbContext> _contexts;
    private readonly IStoreProvider _provider;

    internal RunStore(IDbContextFactory<SchedulerDbContext> contexts, IStoreProvider provider)
    {
        _contexts = contexts;
        _provider = provider;
    }

    // Manual, retry and system runs have slots of their own; only the schedule's slots move the catch-up mark.
    private static bool AdvancesLastSlot(RunTrigger trigger) => trigger is RunTrigger.Schedule or RunTrigger.CatchUp;
}
