namespace Scheduler.Web.Views;

/// <summary>The antiforgery hidden field every action form carries.</summary>
public sealed record FormToken(string Name, string Value);
