namespace Scheduler.Engine.Handlers.Processes;

/// <summary>
/// Finds the program a run names the way execvp(3) will: a name with '/' is a path (from the working directory),
/// any other name is looked up in PATH. Done before starting, because once the process is the shell trampoline a
/// missing program is only an exit code 127 and a line of shell noise.
/// </summary>
internal static class ProgramLocator
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>The full path of <paramref name="program"/>, or null with the reason in <paramref name="error"/>.</summary>
    public static string? Find(string program, string workingDirectory, string? searchPath, out string? error)
    {
        error = null;
        if (program.Length == 0)
        {
            error = "the program name is empty";
            return null;
        }

        if (program.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(program, workingDirectory);
            if (IsExecutableFile(full))
            {
                return full;
            }

            error = File.Exists(full)
                ? $"'{program}' is not executable ({full}); make it executable (chmod +x) or run it through an interpreter"
                : $"'{program}' was not found ({full} does not exist)";
            return null;
        }

        foreach (var directory in (searchPath ?? string.Empty).Split(':'))
        {
            // An empty PATH entry means the working directory, as for execvp.
            var candidate = Path.GetFullPath(program, directory.Length == 0 ? workingDirectory : Path.GetFullPath(directory, workingDirectory));
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        error = $"'{program}' was not found (PATH={searchPath})";
        return null;
    }

    private static bool IsExecutableFile(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & AnyExecute) != 0);
}
