namespace Scheduler.Web.Views;

/// <summary>What an action did, shown at the top of the page: <see cref="Kind"/> is <c>ok</c> or <c>refused</c>.</summary>
public sealed record Notice(string Kind, string Text, string? LinkUrl, string? LinkText);
