namespace Scheduler.Web.Api;

/// <summary>Applied: the last revision reconciled without a problem. Attempted: the latest attempt. Error: why it was not applied.</summary>
internal sealed record RevisionJson(string? Applied, string? Attempted, string? Error);
