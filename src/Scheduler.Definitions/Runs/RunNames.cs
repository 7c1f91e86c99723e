namespace Scheduler.Definitions.Runs;

/// <summary>The names of triggers and statuses as users see them and the store keeps them: lowercase, words joined by '-'.</summary>
public static class RunNames
{
    public static string Of(RunTrigger trigger) => trigger switch
    {
        RunTrigger.CatchUp => "catch-up",
        _ => trigger.ToString().ToLowerInvariant(),
    };

    public static string Of(RunStatus status) => status switch
    {
        RunStatus.TimedOut => "timed-out",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static RunTrigger ParseTrigger(string name) =>
        Enum.GetValues<RunTrigger>().First(t => Of(t) == name);

    public static RunStatus ParseStatus(string name) =>
        Enum.GetValues<RunStatus>().First(s => Of(s) == name);

    /// <summary>True for statuses a run ends in.</summary>
    public static bool IsFinal(RunStatus status) => status is not (RunStatus.Running or RunStatus.Queued);
}
