namespace Scheduler.State.Store;

/// <summary>The database behind the store (<c>--store</c>).</summary>
public enum StoreKind
{
    /// <summary>One file under the data folder; a single serving process or several on one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database that several replicas share (<c>--store postgres --connection …</c>).</summary>
    Postgres,
}
