namespace Scheduler.Web.Actions;

/// <summary>
/// What run-now or cancel did, for the page and the API alike: started/stopping, not found, refused with the reason,
/// or invalid with why each bad parameter was refused (<see cref="Errors"/>, by name).
/// </summary>
internal sealed record ActionResult(ActionOutcome Outcome, long? RunId, string? Reason)
{
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();
}
