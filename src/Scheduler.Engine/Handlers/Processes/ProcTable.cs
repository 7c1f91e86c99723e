using System.Globalization;

namespace Scheduler.Engine.Handlers.Processes;

/// <summary>Reads /proc to tell live processes from zombies, which kill(2) cannot: a zombie accepts signal 0.</summary>
internal static class ProcTable
{
    /// <summary>True when a process in group <paramref name="groupId"/> is alive (any state but zombie or dead).</summary>
    public static bool AnyLiveMember(int groupId)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory.AsSpan());
            if (name.Length == 0 || !char.IsAsciiDigit(name[0]))
            {
                continue;
            }

            if (TryReadStat(directory, out var state, out var group) && group == groupId && (IsLive(state) || AnyLiveThread(directory)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLive(char state) => state is not ('Z' or 'X');

    /// <summary>
    /// /proc/PID/stat shows the main thread: it reads 'Z' once that thread ended, even while other threads still run
    /// (a program may end its main thread on purpose, and every process passes through this while exiting).
    /// </summary>
    private static bool AnyLiveThread(string processDirectory)
    {
        try
        {
            return Directory.EnumerateDirectories(Path.Join(processDirectory, "task"))
                .Any(thread => TryReadStat(thread, out var state, out _) && IsLive(state));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The state letter and process group of one process (or thread); false when it vanished meanwhile.</summary>
    public static bool TryReadStat(string processDirectory, out char state, out int groupId)
    {
        state = default;
        groupId = 0;
        string stat;
        try
        {
            stat = File.ReadAllText(Path.Join(processDirectory, "stat"));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so parse after the last ')'.
        var fields = stat.AsSpan(stat.LastIndexOf(')') + 1).Trim();
        Span<Range> parts = stackalloc Range[4];
        if (fields.Split(parts, ' ') < 4)
        {
            return false;
        }

        state = fields[parts[0]][0];
        return int.TryParse(fields[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out groupId);
    }
}
