namespace Scheduler.Web.Views;

/// <summary>How many tasks of a folder are in one state (ok, failing, …).</summary>
public sealed record StateCount(string State, int Count);
