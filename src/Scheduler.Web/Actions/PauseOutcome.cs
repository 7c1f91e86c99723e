namespace Scheduler.Web.Actions;

/// <summary>What a pause or resume did: the task ids it concerns, or the problem with the request in a sentence (then nothing changed).</summary>
internal sealed record PauseOutcome(IReadOnlyList<string> TaskIds, string? Problem);
