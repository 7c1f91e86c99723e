using System.Diagnostics;
using System.Globalization;
using Scheduler.Engine.Handlers.Processes;

namespace Scheduler.Engine.Tests.Handlers;

/// <summary>Checks on processes the dummy program left pids of.</summary>
internal static class Processes
{
    /// <summary>True when no process has this pid any more, not even a zombie: kill(pid, 0) fails with ESRCH.</summary>
    public static bool IsGone(int pid) => PosixNative.Signal(pid, 0) == PosixNative.ESRCH;

    /// <summary>Waits (real time) for the dummy's child to write its pid file.</summary>
    public static async Task<int> ReadPidFileAsync(string path, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            Assert.True(clock.Elapsed < within, $"the child did not write {path} within {within}");
            await Task.Delay(20);
        }

        return int.Parse(await File.ReadAllTextAsync(path), CultureInfo.InvariantCulture);
    }
}
