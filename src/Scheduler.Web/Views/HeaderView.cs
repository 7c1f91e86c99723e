namespace Scheduler.Web.Views;

/// <summary>The overview's header: revisions, config errors, instance (and whether it is draining) and, when virtual, the clock.</summary>
public sealed record HeaderView(
    string AppliedRevision,
    string AttemptedRevision,
    string? RevisionProblem,
    int ErrorCount,
    int WarningCount,
    IReadOnlyList<ConfigErrorRow> ConfigErrors,
    string Instance,
    bool ClockVirtual,
    string ClockNow,
    string? ClockRate,
    int ActiveRuns,
    string? DrainingUntil = null)
{
    /// <summary>The pause on everything (<c>*</c>), shown as a banner on every page while it holds.</summary>
    public PauseView? AllPaused { get; init; }
}
