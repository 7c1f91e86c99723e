using Microsoft.Extensions.Logging;

namespace Scheduler.State.Store;

internal static partial class StoreLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Opening the state store at {Store}")]
    public static partial void Opening(ILogger logger, string store);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Waiting for another process to finish migrating {LockFile}")]
    public static partial void WaitingForMigrationLock(ILogger logger, string lockFile);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Cleared a stale migration lock taken at {LockedAt} by a process that died while migrating")]
    public static partial void ClearedStaleMigrationLock(ILogger logger, string lockedAt);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "SQLite refused WAL journal mode for {Store} and kept {JournalMode}; readers will block the writer")]
    public static partial void NoWal(ILogger logger, string store, string journalMode);
}
