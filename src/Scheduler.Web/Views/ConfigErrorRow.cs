namespace Scheduler.Web.Views;

/// <summary>One diagnostic of the latest attempted definitions, as <c>file:line:col</c>, severity, code and message.</summary>
public sealed record ConfigErrorRow(string Location, string Severity, string Code, string Message);
