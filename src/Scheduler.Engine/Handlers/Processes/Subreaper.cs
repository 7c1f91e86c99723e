namespace Scheduler.Engine.Handlers.Processes;

/// <summary>
/// Makes this process the reaper of orphans left by its runs (prctl PR_SET_CHILD_SUBREAPER), once.
/// Without it a killed grandchild is re-parented to PID 1, and in containers PID 1 often never reaps:
/// the grandchild would linger as a zombie, still visible to kill(pid, 0). As the subreaper,
/// <see cref="ProcessGroup"/> reaps a run's orphans itself when the run ends.
/// </summary>
internal static class Subreaper
{
    private static readonly Lazy<bool> Enabled = new(() => OperatingSystem.IsLinux() && PosixNative.TryBecomeChildSubreaper());

    /// <summary>True when this process now inherits its descendants' orphans.</summary>
    public static bool Ensure() => Enabled.Value;
}
