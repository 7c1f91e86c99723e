namespace Scheduler.Definitions.Model;

/// <summary>A task's <c>notify</c> key (or the defaults of <c>Scheduler:Notify</c>): which events to tell, and where.</summary>
public sealed record NotifyDefinition(IReadOnlyList<NotifyEvent> On, int Streak, WebhookTarget Webhook)
{
    public const int DefaultStreak = 3;

    public static IReadOnlyList<NotifyEvent> DefaultEvents { get; } = [NotifyEvent.Failure, NotifyEvent.Timeout, NotifyEvent.Recovery];

    public bool Wants(NotifyEvent notifyEvent) => On.Contains(notifyEvent);
}
