using System.Diagnostics;

namespace Scheduler.Engine.Handlers.Processes;

/// <summary>
/// Notices that a run's main process exited, apart from its output pipes. CliWrap completes only once stdout and
/// stderr reach end-of-file, which a background grandchild holding them open would delay forever.
/// </summary>
internal static class LeaderExit
{
    /// <summary>
    /// Completes when the child <paramref name="processId"/> (started by this process) has exited and .NET has reaped it.
    /// <see cref="Process.GetProcessById(int)"/> shares .NET's wait state for its own children, so the exit is seen
    /// through the same SIGCHLD handling that reaps it: no polling, and no second waitpid racing .NET's. (It does not
    /// share the exit code, "not started by this object": that comes from CliWrap.)
    /// </summary>
    public static Task WatchAsync(int processId)
    {
        Process process;
        try
        {
            process = Process.GetProcessById(processId);
        }
        catch (ArgumentException)
        {
            // Already exited and reaped between the start and this call.
            return Task.CompletedTask;
        }

        return WaitAndDisposeAsync(process);
    }

    private static async Task WaitAndDisposeAsync(Process process)
    {
        using (process)
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
