using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Scheduler.TestProgram;

/// <summary>The simple verbs: print, exit, sleep, flood.</summary>
internal static class Verbs
{
    public static int Echo(TextWriter writer, string[] words)
    {
        writer.WriteLine(string.Join(' ', words));
        writer.Flush();
        return 0;
    }

    /// <summary>Each argument on its own line in brackets, so tests see exactly what arrived.</summary>
    public static int PrintArguments(string[] arguments)
    {
        foreach (var argument in arguments)
        {
            Console.Out.WriteLine($"[{argument}]");
        }

        return 0;
    }

    /// <summary>Numbered lines, alternating stdout and stderr, each flushed before the next.</summary>
    public static int Interleave(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            var writer = i % 2 == 1 ? Console.Out : Console.Error;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {i} {(i % 2 == 1 ? "out" : "err")}"));
            writer.Flush();
        }

        return 0;
    }

    public static int Sleep(double seconds)
    {
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        return 0;
    }

    public static int IgnoreTermAndSleep()
    {
        using var registration = IgnoreTerm();
        Console.Out.WriteLine("ignoring TERM");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    /// <summary>Cancelling the signal context is what makes .NET ignore it instead of shutting down.</summary>
    public static PosixSignalRegistration IgnoreTerm() => PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = true);

    /// <summary>Exactly <paramref name="bytes"/> bytes in one line: 'x' repeated, ending in "END\n", written in chunks.</summary>
    public static int Flood(long bytes)
    {
        var tail = "END\n"u8.ToArray();
        var chunk = Enumerable.Repeat((byte)'x', 64 * 1024).ToArray();
        using var stdout = Console.OpenStandardOutput();
        for (var left = bytes - tail.Length; left > 0; left -= chunk.Length)
        {
            stdout.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
        }

        stdout.Write(tail);
        return 0;
    }

    /// <summary>"pid=… pgid=… sid=…" from /proc/self/stat, to check the process leads its own group and session.</summary>
    public static int PrintIds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        Console.Out.WriteLine($"pid={Environment.ProcessId} pgid={fields[2]} sid={fields[3]}");
        return 0;
    }

    public static int WriteFile(string path, string text)
    {
        File.WriteAllText(path, text, Encoding.UTF8);
        return 0;
    }

    public static int Unknown(string verb)
    {
        Console.Error.WriteLine($"unknown verb '{verb}'");
        return 2;
    }
}
