using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Scheduler.Definitions.Model;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Values;

namespace Scheduler.Engine.Handlers;

/// <summary>
/// Runs a <c>sqlite-backup</c> task: an online copy through SQLite's backup API into
/// <c>&lt;db-name&gt;-&lt;yyyyMMdd'T'HHmmss'Z'&gt;.db</c> in <c>to</c>, then keeps the newest <c>keep</c> such files.
/// </summary>
public sealed class SqliteBackupRunHandler : IRunHandler
{
    private const string StampFormat = "yyyyMMdd'T'HHmmss'Z'";

    public string Kind => "sqlite-backup";

    public async Task<HandlerOutcome> RunAsync(RunContext context, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Task.Handler is not SqliteBackupHandler backup)
        {
            throw new ArgumentException($"Task '{context.Task.Id}' is not a sqlite-backup task.", nameof(context));
        }

        var source = Path.GetFullPath(backup.Database);
        if (!File.Exists(source))
        {
            return HandlerOutcome.Failed($"the database '{backup.Database}' does not exist ({source}); nothing was backed up");
        }

        var folder = Path.GetFullPath(backup.To);
        var name = Path.GetFileNameWithoutExtension(source);

        // Named after the slot, not the clock: a retry of the same slot replaces its own file instead of adding one,
        // and the name says which run made it.
        var target = Path.Join(folder, $"{name}-{context.Slot.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture)}.db");
        var partial = target + ".partial";
        using var timedOut = RunDeadline.After(context.Task.Timeout, context.Time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timedOut.Token, cancel);
        try
        {
            Directory.CreateDirectory(folder);
            TryDelete(partial); // a crash's leftover may not even be a database

            // The backup API copies in one step and cannot be interrupted; on timeout or cancel the run stops
            // waiting, and the copy finishes into the .partial file, which is then deleted.
            var copy = Task.Run(() => Copy(source, partial), CancellationToken.None);
            try
            {
                await copy.WaitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                _ = copy.ContinueWith(_ => TryDelete(partial), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                return cancel.IsCancellationRequested
                    ? new HandlerOutcome(RunStatus.Cancelled, Error: "cancelled")
                    : new HandlerOutcome(RunStatus.TimedOut, Error: $"timed out after {Durations.Format(context.Task.Timeout)}");
            }

            // Only a complete copy gets the backup's name, so a failed retry never leaves a broken "backup".
            File.Move(partial, target, overwrite: true);
            context.Output.Append($"backed up {source} to {target} ({new FileInfo(target).Length} bytes)\n");
            foreach (var old in Expired(folder, name, backup.Keep))
            {
                File.Delete(old);
                context.Output.Append($"deleted old backup {old}\n");
            }

            return HandlerOutcome.Succeeded(exitCode: null);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            TryDelete(partial);
            return HandlerOutcome.Failed($"backing up '{backup.Database}' to '{backup.To}' failed: {ex.Message}");
        }
    }

    private static void Copy(string source, string destination)
    {
        // Read-only: a database that vanished since the check is an error, never a new empty file. No pooling:
        // the files must be closed when this returns, so the copy can be renamed and the source stays unlocked.
        using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        from.Open();
        to.Open();

        // The backup API takes no busy handler of its own: without one, a writer that holds the lock for a moment
        // (rollback-journal mode; WAL readers never wait) would fail the backup at once instead of after a wait.
        using (var wait = from.CreateCommand())
        {
            wait.CommandText = "PRAGMA busy_timeout = 10000";
            wait.ExecuteNonQuery();
        }

        from.BackupDatabase(to);
    }

    /// <summary>
    /// The backups of <paramref name="name"/> beyond the newest <paramref name="keep"/>. The stamp sorts as the time does,
    /// so "newest" is by slot, whatever the files' mtimes. Other files in the folder are never touched.
    /// </summary>
    private static List<string> Expired(string folder, string name, int keep)
    {
        var pattern = new Regex($"^{Regex.Escape(name)}-[0-9]{{8}}T[0-9]{{6}}Z\\.db$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return Directory.EnumerateFiles(folder)
            .Where(path => pattern.IsMatch(Path.GetFileName(path)))
            .OrderDescending(StringComparer.Ordinal)
            .Skip(Math.Max(1, keep)) // never the one just written
            .ToList();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover .partial never matches the backup name pattern.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
