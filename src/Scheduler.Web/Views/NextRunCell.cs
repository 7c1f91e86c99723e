namespace Scheduler.Web.Views;

/// <summary>A task's next slot: in its zone, in UTC (on hover), and how far away ("in 4 min").</summary>
public sealed record NextRunCell(string Local, string Utc, string Relative);
