namespace Scheduler.Definitions.Planning;

/// <summary>Something about an added or changed task that is valid but worth a reviewer's eye.</summary>
public sealed record PlanWarning(string TaskId, PlanWarningKind Kind, string Message)
{
    /// <summary>The kind as written in JSON output: <c>fires-often</c>, <c>catch-up-backlog</c>, <c>fires-soon</c>, <c>same-instant</c>.</summary>
    public string KindName => Kind switch
    {
        PlanWarningKind.FiresOften => "fires-often",
        PlanWarningKind.CatchUpBacklog => "catch-up-backlog",
        PlanWarningKind.SameInstant => "same-instant",
        _ => "fires-soon",
    };
}
