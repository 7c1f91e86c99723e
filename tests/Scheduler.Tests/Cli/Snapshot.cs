using System.Runtime.CompilerServices;

namespace Scheduler.Tests.Cli;

/// <summary>
/// Compares what users read with a committed file under Snapshots/. Set UPDATE_SNAPSHOTS=1 to rewrite
/// them, then review the diff like any other change.
/// </summary>
internal static class Snapshot
{
    public static void Match(string actual, string name, [CallerFilePath] string callerPath = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerPath)!, "..", "Snapshots", name);
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No snapshot {name}; run with UPDATE_SNAPSHOTS=1 to create it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
