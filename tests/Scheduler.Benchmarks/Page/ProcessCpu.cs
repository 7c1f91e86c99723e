using System.Globalization;

namespace Scheduler.Benchmarks.Page;

/// <summary>The CPU time a process has used so far (user and system), read from <c>/proc/PID/stat</c>.</summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    // utime and stime are fields 14 and 15 of /proc/PID/stat; the name (field 2) may hold spaces, so count after its ')'.
    public static double Seconds(int processId)
    {
        var text = File.ReadAllText($"/proc/{processId}/stat");
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}
