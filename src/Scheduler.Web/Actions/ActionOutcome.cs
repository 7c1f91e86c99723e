namespace Scheduler.Web.Actions;

/// <summary>The three answers an action gets; the API maps them to 202, 404 and 409.</summary>
internal enum ActionOutcome
{
    Accepted,
    NotFound,
    Refused,
}
