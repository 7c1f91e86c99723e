using System.Diagnostics;
using System.Globalization;

namespace Scheduler.TestProgram;

/// <summary>Verbs that leave processes behind, to prove a run's whole process group is stopped.</summary>
internal static class Children
{
    /// <summary>Starts a child copy (it inherits stdout) that writes its pid to <paramref name="pidFile"/>, then sleeps forever.</summary>
    public static int SpawnAndSleep(string pidFile, bool ignoreTerm)
    {
        using var registration = ignoreTerm ? Verbs.IgnoreTerm() : null;
        Spawn(pidFile, ignoreTerm);
        Console.Out.WriteLine("spawned; sleeping");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    /// <summary>Starts a child copy that keeps stdout open and sleeps, then exits 0 at once.</summary>
    public static int SpawnAndExit(string pidFile)
    {
        Spawn(pidFile, ignoreTerm: false);
        Console.Out.WriteLine("spawned; exiting");
        return 0;
    }

    public static int RunAsChild(string pidFile, bool ignoreTerm)
    {
        using var registration = ignoreTerm ? Verbs.IgnoreTerm() : null;
        File.WriteAllText(pidFile + ".tmp", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        File.Move(pidFile + ".tmp", pidFile); // appears whole, never half written
        Console.Out.WriteLine("child running");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    private static void Spawn(string pidFile, bool ignoreTerm)
    {
        // No redirection: the child inherits this process's stdout and stderr, i.e. the run's output pipe.
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (!Environment.ProcessPath!.EndsWith("scheduler-test-program", StringComparison.Ordinal))
        {
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(typeof(Children).Assembly.Location);
        }

        start.ArgumentList.Add("child");
        start.ArgumentList.Add(pidFile);
        if (ignoreTerm)
        {
            start.ArgumentList.Add("ignore-term");
        }

        using var child = Process.Start(start)!;

        // Wait until the child is up, so the caller can rely on the pid file once this process has said "spawned".
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(pidFile) && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(10);
        }
    }
}
