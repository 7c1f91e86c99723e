namespace Scheduler.Cli;

/// <summary>The exit codes every command uses (pinned: CI scripts rely on them).</summary>
internal static class ExitCodes
{
    /// <summary>Done; the definitions (if any were read) are valid. Warnings do not change it.</summary>
    public const int Ok = 0;

    /// <summary>The definitions are invalid.</summary>
    public const int Invalid = 1;

    /// <summary>The command could not run: bad arguments, a missing folder, an unknown task.</summary>
    public const int CannotRun = 2;
}
