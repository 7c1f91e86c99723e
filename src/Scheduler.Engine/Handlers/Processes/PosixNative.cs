using System.Runtime.InteropServices;

namespace Scheduler.Engine.Handlers.Processes;

/// <summary>
/// The few libc calls .NET does not expose: signalling a whole process group, reaping orphans, becoming their reaper,
/// and holding <see cref="ExecStub"/> in sealed memory.
/// </summary>
// DllImport rather than LibraryImport: LibraryImport's generated code needs <AllowUnsafeBlocks> in the project,
// and these signatures are all blittable, so the classic marshaller does no work either way.
internal static class PosixNative
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SIGCONT = 18;

    public const int ESRCH = 3;
    public const int ECHILD = 10;

    public const uint MFD_CLOEXEC = 1;
    public const uint MFD_ALLOW_SEALING = 2;
    public const int F_ADD_SEALS = 1033;

    /// <summary>F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE: the content can never change again.</summary>
    public const int AllSeals = 1 | 2 | 4 | 8;

    private const int WNOHANG = 1;
    private const int PR_SET_CHILD_SUBREAPER = 36;

    /// <summary>kill(2): a negative <paramref name="pid"/> means the process group -pid; signal 0 only checks existence.</summary>
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int WaitPid(int pid, out int status, int options);

    [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    /// <summary>memfd_create(2): an anonymous file in memory, named by NUL-terminated bytes; its descriptor, or -1.</summary>
    [DllImport("libc", EntryPoint = "memfd_create", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int MemfdCreate(byte[] name, uint flags);

    /// <summary>fcntl(2) with an int argument; 0 (or the command's result) or -1.</summary>
    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Fcntl(int fd, int command, int argument);

    /// <summary>Sends <paramref name="signal"/>; returns 0 or the errno (ESRCH: no such process or group).</summary>
    public static int Signal(int pid, int signal) => Kill(pid, signal) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>
    /// Reaps one exited child in process group <paramref name="groupId"/> without blocking: its pid; 0 when children
    /// of this process are in the group but none has finished exiting; -1 when none is (ECHILD).
    /// </summary>
    public static int ReapOneInGroup(int groupId) => WaitPid(-groupId, out _, WNOHANG);

    /// <summary>Makes this process the reaper of its descendants' orphans; false when the kernel refuses.</summary>
    public static bool TryBecomeChildSubreaper() => Prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
}
