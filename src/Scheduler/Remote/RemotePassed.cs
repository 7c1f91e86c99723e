namespace Scheduler.Remote;

/// <summary>The slots a skipped row stands for, as the API's run JSON has them.</summary>
internal sealed record RemotePassed(DateTimeOffset From, DateTimeOffset To, int Count);
