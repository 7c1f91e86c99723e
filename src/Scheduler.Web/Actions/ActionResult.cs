namespace Scheduler.Web.Actions;

/// <summary>What run-now or cancel did, for the page and the API alike: started/stopping, not found, or refused with the reason.</summary>
internal sealed record ActionResult(ActionOutcome Outcome, long? RunId, string? Reason);
