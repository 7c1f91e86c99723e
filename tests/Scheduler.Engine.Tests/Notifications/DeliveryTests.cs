using Microsoft.Extensions.Time.Testing;
using Scheduler.Definitions.Notifications;
using Scheduler.State.Entities;

namespace Scheduler.Engine.Tests.Notifications;

/// <summary>Retries, timeouts, bad targets and a full queue: every notification ends recorded as sent or failed, or counted as dropped.</summary>
public sealed class DeliveryTests
{
    private const string Slack = "{ webhook: { url-from-env: HOOK, format: slack } }";

    [Fact]
    public async Task A_webhook_that_answers_500_then_200_gets_the_notification_on_the_second_attempt()
    {
        await using var h = await NotifierHarness.StartAsync();
        h.Listener.Script(500, 200);

        h.Notifier.Publish(NotifierHarness.Failed(Slack));

        var sent = await h.WaitForAsync("backups/nightly-db", n => n.Status == NotificationStatuses.Sent, "the second attempt to succeed");
        Assert.Equal((2, (string?)null, "HOOK (slack)"), (sent.Attempts, sent.LastError, sent.Target));
        Assert.Equal(2, h.Listener.Received.Count);
        Assert.Equal(h.Listener.Received[0].Body, h.Listener.Received[1].Body);
    }

    [Fact]
    public async Task A_webhook_that_never_answers_times_out_per_attempt_and_is_recorded_failed_after_five()
    {
        var clock = new FakeTimeProvider(NotifierHarness.Slot);
        await using var h = await NotifierHarness.StartAsync(clock, new NotifySettings());
        h.Listener.DefaultAnswer = WebhookListener.NeverAnswer;

        h.Notifier.Publish(NotifierHarness.Failed(Slack));

        // Each poll moves the fake clock a second: past each 10 s attempt timeout and each backoff (2, 4, 8, 16 s).
        var failed = await h.WaitForAsync(
            "backups/nightly-db", n => n.Status == NotificationStatuses.Failed, "five attempts to time out", () => clock.Advance(TimeSpan.FromSeconds(1)));
        Assert.Equal((5, "the webhook did not answer within 10 s"), (failed.Attempts, failed.LastError));
        Assert.Equal(5, h.Listener.Received.Count);
    }

    [Fact]
    public async Task An_unset_environment_variable_is_a_recorded_failure_that_names_it_and_sends_nothing()
    {
        await using var h = await NotifierHarness.StartAsync();

        h.Notifier.Publish(NotifierHarness.Failed("{ webhook: { url-from-env: OPS_WEBHOOK_URL, format: generic } }"));

        var failed = await h.WaitForAsync("backups/nightly-db", n => n.Status == NotificationStatuses.Failed, "the failure to be recorded");
        Assert.Equal(0, failed.Attempts);
        Assert.Equal("the environment variable OPS_WEBHOOK_URL is not set: set it to the webhook URL where the scheduler runs", failed.LastError);
        Assert.Equal("OPS_WEBHOOK_URL (generic)", failed.Target);
        Assert.Empty(h.Listener.Received);
    }

    [Fact]
    public async Task A_webhook_that_answers_404_is_not_asked_again()
    {
        await using var h = await NotifierHarness.StartAsync();
        h.Listener.DefaultAnswer = 404;

        h.Notifier.Publish(NotifierHarness.Failed(Slack));

        var failed = await h.WaitForAsync("backups/nightly-db", n => n.Status == NotificationStatuses.Failed, "the failure to be recorded");
        Assert.Equal((1, "the webhook answered HTTP 404 Not Found"), (failed.Attempts, failed.LastError));
        Assert.DoesNotContain("secret-part", failed.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_queue_drops_and_counts_what_does_not_fit_without_waiting()
    {
        await using var h = await NotifierHarness.StartAsync(settings: new NotifySettings { QueueCapacity = 2 }, start: false);

        for (var i = 0; i < 5; i++)
        {
            h.Notifier.Publish(NotifierHarness.Failed(Slack));
        }

        Assert.Equal(3, h.Notifier.Dropped);
    }
}
