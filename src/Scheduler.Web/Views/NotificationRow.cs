namespace Scheduler.Web.Views;

/// <summary>
/// One notification on the task page: when, which event, about which run, where to (the variable's name and the
/// format), how delivery went and why it failed. <see cref="StatusClass"/> reuses the run status colours.
/// </summary>
public sealed record NotificationRow(string At, string Event, long? RunId, string? RunUrl, string Target, string Status, string StatusClass, int Attempts, string? Error);
