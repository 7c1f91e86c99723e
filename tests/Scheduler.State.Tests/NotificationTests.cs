using Scheduler.State.Entities;
using Scheduler.State.Tests.Support;
using static Scheduler.State.Tests.Support.Fixtures;

namespace Scheduler.State.Tests;

public sealed class NotificationTests
{
    [Fact]
    public async Task A_notification_is_recorded_pending_then_updated_after_each_attempt()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        var id = await store.Runs.AddNotificationAsync(Pending("t", Instance), TestTimeout.Token);

        await store.Runs.UpdateNotificationAsync(id, NotificationStatuses.Pending, 1, "HTTP 500", Slot.AddSeconds(1), TestTimeout.Token);
        await store.Runs.UpdateNotificationAsync(id, NotificationStatuses.Sent, 2, null, Slot.AddSeconds(3), TestTimeout.Token);

        var recorded = Assert.Single(await store.Runs.ListNotificationsAsync("t", 10, TestTimeout.Token));
        Assert.Equal((NotificationStatuses.Sent, 2, (string?)null, Slot, Slot.AddSeconds(3)), (recorded.Status, recorded.Attempts, recorded.LastError, recorded.CreatedAt, recorded.UpdatedAt));
        Assert.Equal(("failure", "OPS_WEBHOOK_URL (slack)", 7L), (recorded.Event, recorded.Target, recorded.RunId));
    }

    [Fact]
    public async Task Notifications_are_listed_per_task_newest_first()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        var first = await store.Runs.AddNotificationAsync(Pending("t", Instance), TestTimeout.Token);
        var second = await store.Runs.AddNotificationAsync(Pending("t", Instance), TestTimeout.Token);
        await store.Runs.AddNotificationAsync(Pending("other", Instance), TestTimeout.Token);
        await store.Runs.UpdateNotificationAsync(first, NotificationStatuses.Failed, 5, "timed out", Slot, TestTimeout.Token);

        Assert.Equal([second, first], (await store.Runs.ListNotificationsAsync("t", 10, TestTimeout.Token)).Select(n => n.Id));
    }

    [Fact]
    public async Task Retention_deletes_settled_notifications_older_than_the_cutoff_and_keeps_pending_ones()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        var old = await store.Runs.AddNotificationAsync(Pending("t", Instance), TestTimeout.Token);
        var oldPending = await store.Runs.AddNotificationAsync(Pending("t", Instance), TestTimeout.Token);
        var recent = await store.Runs.AddNotificationAsync(Pending("t", Instance), TestTimeout.Token);
        await store.Runs.UpdateNotificationAsync(old, NotificationStatuses.Sent, 1, null, Slot, TestTimeout.Token);
        await store.Runs.UpdateNotificationAsync(recent, NotificationStatuses.Failed, 5, "x", Slot.AddDays(10), TestTimeout.Token);

        Assert.Equal(1, await store.Runs.DeleteNotificationsOlderThanAsync(Slot.AddDays(1), 1, TestTimeout.Token));

        Assert.Equal([recent, oldPending], (await store.Runs.ListNotificationsAsync("t", 10, TestTimeout.Token)).Select(n => n.Id));
    }

    [Fact]
    public async Task At_start_up_an_instance_settles_only_its_own_pending_notifications_as_failed()
    {
        using var folder = new TempFolder();
        await using var store = await folder.OpenAsync();
        var mine = await store.Runs.AddNotificationAsync(Pending("t", "a"), TestTimeout.Token);
        var theirs = await store.Runs.AddNotificationAsync(Pending("t", "b"), TestTimeout.Token);

        Assert.Equal(1, await store.Runs.AbandonPendingNotificationsAsync("a", Slot.AddMinutes(1), "the scheduler stopped first", TestTimeout.Token));

        var byId = (await store.Runs.ListNotificationsAsync("t", 10, TestTimeout.Token)).ToDictionary(n => n.Id);
        Assert.Equal((NotificationStatuses.Failed, "the scheduler stopped first"), (byId[mine].Status, byId[mine].LastError));
        Assert.Equal(NotificationStatuses.Pending, byId[theirs].Status);
    }

    private static NotificationRecord Pending(string taskId, string instance) => new()
    {
        TaskId = taskId,
        RunId = 7,
        Event = "failure",
        Target = "OPS_WEBHOOK_URL (slack)",
        Status = NotificationStatuses.Pending,
        CreatedAt = Slot,
        UpdatedAt = Slot,
        Instance = instance,
    };
}
