namespace Scheduler.Engine.Tests.Notifications;

/// <summary>One request a <see cref="WebhookListener"/> got, with its W3C <c>traceparent</c> header (empty when none).</summary>
internal sealed record ReceivedRequest(string Path, string? ContentType, string Body, string TraceParent = "");
