namespace Scheduler.Engine.Reconciling;

/// <summary>What one reconcile did, for logs, the page and tests.</summary>
public sealed record ReconcileReport(
    string Revision,
    int Files,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Flagged,
    IReadOnlyList<string> Retired,
    int Errors,
    string? Problem)
{
    public bool ChangedAnything => Added.Count + Changed.Count + Flagged.Count + Retired.Count > 0;
}
