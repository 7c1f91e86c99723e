namespace Scheduler.Cli;

/// <summary>What a command needs from its surroundings, passed in so tests can run commands in-process.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, string CurrentDirectory, TimeProvider Time)
{
    public static CliContext FromConsole() => new(Console.Out, Console.Error, Directory.GetCurrentDirectory(), TimeProvider.System);

    /// <summary>A path the user typed, made absolute against the current directory.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, CurrentDirectory);
}
