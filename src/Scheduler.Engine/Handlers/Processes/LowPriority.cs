using System.Runtime.InteropServices;

namespace Scheduler.Engine.Handlers.Processes;

/// <summary>
/// <c>priority: low</c>: a run's main process gets nice 10 and the idle I/O class the moment it is started, and every
/// process it starts after that inherits both (fork keeps them, exec keeps them), so the whole tree runs low.
/// </summary>
internal static class LowPriority
{
    public const int Nice = 10;

    private const int PRIO_PROCESS = 0;
    private const int IOPRIO_WHO_PROCESS = 1;
    private const int IOPRIO_CLASS_IDLE = 3;
    private const int IOPRIO_CLASS_SHIFT = 13;

    /// <summary>Lowers <paramref name="pid"/>; the errors of the calls that failed (a process already gone, an old kernel), or null.</summary>
    public static string? Apply(int pid)
    {
        var errors = new List<string>(2);
        if (SetPriority(PRIO_PROCESS, pid, Nice) != 0)
        {
            errors.Add($"setpriority: errno {Marshal.GetLastPInvokeError()}");
        }

        // ioprio_set has no libc wrapper: it is called by number, which differs per architecture.
        long? number = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 251,
            Architecture.Arm64 => 30,
            _ => null,
        };
        if (number is { } n && Syscall(n, IOPRIO_WHO_PROCESS, pid, IOPRIO_CLASS_IDLE << IOPRIO_CLASS_SHIFT) != 0)
        {
            errors.Add($"ioprio_set: errno {Marshal.GetLastPInvokeError()}");
        }

        return errors.Count == 0 ? null : string.Join(", ", errors);
    }

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern long Syscall(long number, long which, long who, long priority);
}
