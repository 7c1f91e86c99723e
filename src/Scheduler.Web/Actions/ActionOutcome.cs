namespace Scheduler.Web.Actions;

/// <summary>The answers an action gets; the API maps them to 202, 404, 409 and 400 (a bad parameter value).</summary>
internal enum ActionOutcome
{
    Accepted,
    NotFound,
    Refused,
    Invalid,
}
