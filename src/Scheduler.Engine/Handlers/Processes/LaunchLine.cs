namespace Scheduler.Engine.Handlers.Processes;

/// <summary>
/// What CliWrap starts for a run: a program and its arguments whose last exec is the run's own program, leading a
/// process group of its own without a controlling terminal, with stderr joined to stdout in one pipe.
/// </summary>
internal sealed record LaunchLine(string Target, IReadOnlyList<string> Arguments, bool ThroughStub)
{
    // util-linux setsid, where the stub cannot be used: the child .NET forks is not a group leader, so setsid() succeeds
    // and setsid execs in place; the run's main process keeps its pid, which is then also its group and session id.
    // .NET on Linux cannot start a child in a group of its own, and the parent cannot move it once it has exec'd
    // (setpgid: EACCES). Looked up once.
    private static readonly string? Setsid = Array.Find(["/usr/bin/setsid", "/bin/setsid"], File.Exists);

    // The fallback trampoline points stderr at the stdout pipe, so both arrive in one pipe in the order they were
    // written. "$@" is the program and its arguments exactly as given, each one word: the shell never parses them as
    // code, and exec replaces the shell with the program.
    private const string Trampoline = "exec \"$@\" 2>&1";

    // Without the stub a shell script's own shell joins stderr to stdout first. On the script's first line, so the line
    // numbers in the shell's messages are the script's own.
    private const string ShellPrologue = "exec 2>&1; ";

    /// <summary>Why no line can be built: neither the stub nor setsid is there.</summary>
    public const string NoSetsid =
        "setsid was not found in /usr/bin or /bin; install util-linux: every run needs a process group of its own so it can be stopped whole";

    /// <summary>
    /// A command: the stub execs <paramref name="path"/> (the program <see cref="ProgramLocator"/> found) with
    /// <paramref name="argv"/>, argv[0] as written. Without the stub, or for a file the kernel cannot exec (a script
    /// with no <c>#!</c> line, which execvp and sh run as a shell script), setsid and the sh trampoline.
    /// </summary>
    public static LaunchLine? ForCommand(string path, IReadOnlyList<string> argv)
    {
        if (ExecStub.Path is { } stub && IsExecutableImage(path))
        {
            return new LaunchLine(stub, [path, .. argv], ThroughStub: true);
        }

        return Setsid is { } setsid ? new LaunchLine(setsid, ["/bin/sh", "-c", Trampoline, "sh", .. argv], ThroughStub: false) : null;
    }

    /// <summary>A shell script, run by <c>/bin/sh -c</c>.</summary>
    public static LaunchLine? ForShell(string script)
    {
        if (ExecStub.Path is { } stub)
        {
            return new LaunchLine(stub, ["/bin/sh", "/bin/sh", "-c", script], ThroughStub: true);
        }

        return Setsid is { } setsid ? new LaunchLine(setsid, ["/bin/sh", "-c", ShellPrologue + script], ThroughStub: false) : null;
    }

    /// <summary>
    /// True for an ELF binary or a <c>#!</c> script, which execve runs itself. A file that cannot be read is left to
    /// the kernel too (an execute-only binary runs; anything else fails there with the stub's message).
    /// </summary>
    private static bool IsExecutableImage(string path)
    {
        Span<byte> head = stackalloc byte[4];
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            var read = RandomAccess.Read(file, head, 0);
            return (read >= 2 && head[0] == '#' && head[1] == '!') || (read == 4 && head.SequenceEqual("\u007fELF"u8));
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
