using Microsoft.Extensions.Logging;
using Scheduler.State.Store;

namespace Scheduler.State.Sqlite;

/// <summary>
/// An exclusive OS lock on a file next to the database, held while migrating. Unlike EF Core's
/// <c>__EFMigrationsLock</c> row, the operating system drops it when the holder dies (even on SIGKILL),
/// so holding it proves that no live process of ours is migrating.
/// </summary>
internal sealed class MigrationFileLock : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _stream;

    private MigrationFileLock(FileStream stream) => _stream = stream;

    public static async Task<MigrationFileLock> AcquireAsync(string path, ILogger logger, CancellationToken cancellationToken)
    {
        var logged = false;
        while (true)
        {
            try
            {
                // FileShare.None takes flock(LOCK_EX) on Unix and a share lock on Windows; both die with the process.
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new MigrationFileLock(stream);
            }
            catch (IOException)
            {
                // Held by a live process: it is migrating now; wait for it rather than racing it.
                if (!logged)
                {
                    StoreLog.WaitingForMigrationLock(logger, path);
                    logged = true;
                }
            }

            await Task.Delay(RetryDelay, cancellationToken);
        }
    }

    public void Dispose() => _stream.Dispose();
}
