namespace Scheduler.Engine.Tests.Notifications;

/// <summary>One request a <see cref="WebhookListener"/> got.</summary>
internal sealed record ReceivedRequest(string Path, string? ContentType, string Body);
