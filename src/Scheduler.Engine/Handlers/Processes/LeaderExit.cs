using System.Diagnostics;

namespace Scheduler.Engine.Handlers.Processes;

/// <summary>
/// Notices that a run's main process exited, apart from its output pipes. CliWrap completes only once stdout and
/// stderr reach end-of-file, which a background grandchild holding them open would delay forever.
/// </summary>
internal static class LeaderExit
{
    /// <summary>
    /// Completes when the child <paramref name="processId"/> (started by this process) has exited and .NET has reaped it,
    /// with its exit code when .NET can tell it. <see cref="Process.GetProcessById(int)"/> shares .NET's wait state for
    /// its own children, so the exit is seen through the same SIGCHLD handling that reaps it: no polling, and no second
    /// waitpid racing .NET's.
    /// </summary>
    public static Task<int?> WatchAsync(int processId)
    {
        Process process;
        try
        {
            process = Process.GetProcessById(processId);
        }
        catch (ArgumentException)
        {
            // Already exited and reaped between the start and this call; CliWrap has its exit code.
            return Task.FromResult<int?>(null);
        }

        return WaitAndDisposeAsync(process);
    }

    private static async Task<int?> WaitAndDisposeAsync(Process process)
    {
        using (process)
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                return process.ExitCode;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }
}
