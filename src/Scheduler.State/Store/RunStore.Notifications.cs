using Microsoft.EntityFrameworkCore;
using Scheduler.State.Entities;

namespace Scheduler.State.Store;

/// <summary>Recording notifications: one row each, written when queued and after every delivery attempt.</summary>
public sealed partial class RunStore
{
    /// <summary>Records a notification as pending and returns its id.</summary>
    public async Task<long> AddNotificationAsync(NotificationRecord notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        db.Notifications.Add(notification);
        await db.SaveChangesAsync(cancellationToken);
        return notification.Id;
    }

    /// <summary>Records how delivery stands after an attempt: still pending (a retry is coming), sent or failed.</summary>
    public async Task UpdateNotificationAsync(
        long id, string status, int attempts, string? lastError, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        await db.Notifications
            .Where(n => n.Id == id)
            .ExecuteUpdateAsync(
                s => s
                    .SetProperty(n => n.Status, status)
                    .SetProperty(n => n.Attempts, attempts)
                    .SetProperty(n => n.LastError, lastError)
                    .SetProperty(n => n.UpdatedAt, at),
                cancellationToken);
    }

    /// <summary>One task's notifications, newest first.</summary>
    public async Task<IReadOnlyList<NotificationRecord>> ListNotificationsAsync(string taskId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.AsNoTracking()
            .Where(n => n.TaskId == taskId)
            .OrderByDescending(n => n.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Deletes settled notifications last updated before <paramref name="cutoff"/>, in batches (as run retention does); returns how many.</summary>
    public async Task<int> DeleteNotificationsOlderThanAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var total = 0;
        while (true)
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            var deleted = await db.Notifications
                .Where(n => n.Status != NotificationStatuses.Pending && n.UpdatedAt < cutoff)
                .OrderBy(n => n.Id)
                .Take(batchSize)
                .ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < batchSize)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// At start-up: what this instance left pending when it stopped will never be delivered (the queue was in
    /// memory); it becomes failed with the reason, so the page does not show it as pending forever.
    /// </summary>
    public async Task<int> AbandonPendingNotificationsAsync(string instance, DateTimeOffset at, string reason, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Notifications
            .Where(n => n.Instance == instance && n.Status == NotificationStatuses.Pending)
            .ExecuteUpdateAsync(
                s => s.SetProperty(n => n.Status, NotificationStatuses.Failed).SetProperty(n => n.LastError, reason).SetProperty(n => n.UpdatedAt, at),
                cancellationToken);
    }

    /// <summary>The task's current count of consecutive failed or timed-out runs (0 for an unknown task).</summary>
    public async Task<int> GetFailureStreakAsync(string taskId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => t.FailureStreak).FirstOrDefaultAsync(cancellationToken);
    }
}
