using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Scheduler.Web.Views;

/// <summary>
/// Builds the lists' next <see cref="TaskSnapshot"/> (and the folders of the filters being asked for) just after each
/// turn of the clock's second, off the request path, while the lists are being read; <see cref="Linger"/> after the
/// last read it sleeps until the next one, so an idle server does nothing here. See <see cref="TaskList"/> for how
/// stale a snapshot may be.
/// </summary>
internal sealed partial class ListRefresher(TaskList list, OverviewFolders folders, TimeProvider time, ILogger<ListRefresher> logger) : BackgroundService
{
    /// <summary>After the last read of the lists, snapshots are built for this long; a request after that builds its own.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await list.ReadRecentlyAsync(Linger, stoppingToken);
                await Task.Delay(ToNextSecond(time.GetUtcNow()), time, stoppingToken);
                try
                {
                    // The folders of the views being read are built before the snapshot is served, so no request builds them.
                    await list.RefreshAsync(snapshot => folders.WarmAsync(snapshot.Listed, snapshot.BuiltAt - TaskList.MaxAge), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRefreshFailed(logger, e); // the store may be briefly away: the requests build their own meanwhile
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the host stops
        }
    }

    // A millisecond after the turn, so the rows' "4 s ago" are those of the new second.
    private static TimeSpan ToNextSecond(DateTimeOffset now) =>
        TimeSpan.FromTicks(TimeSpan.TicksPerSecond - (now.UtcTicks % TimeSpan.TicksPerSecond)) + TimeSpan.FromMilliseconds(1);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Building the task lists in the background failed; the next request builds them")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
