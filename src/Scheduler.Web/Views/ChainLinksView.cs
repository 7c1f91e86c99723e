namespace Scheduler.Web.Views;

/// <summary>The task page's chain section: whom the task runs after (and on what), and which tasks run after it.</summary>
public sealed record ChainLinksView(string? After, IReadOnlyList<ChainLink> Upstreams, IReadOnlyList<ChainLink> Downstreams);
