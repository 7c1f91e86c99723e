using Scheduler.Definitions.Model;

namespace Scheduler.Engine.Notifications;

/// <summary>One notification waiting in the queue: the fact, the event it is, and where it goes.</summary>
public sealed record Notification(RunEvent Fact, NotifyEvent Event, WebhookTarget Target);
