namespace Scheduler.Web.Status;

/// <summary>The definitions in force (<see cref="Applied"/>), the latest attempt (<see cref="Attempted"/>) and why that attempt was not applied.</summary>
internal sealed record RevisionState(string? Applied, string? Attempted, string? Error);
