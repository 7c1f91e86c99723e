namespace Scheduler.Web.Tests;

/// <summary>One server-sent event: its name and its data lines joined by newlines.</summary>
internal sealed record ServerEvent(string Name, string Data);
