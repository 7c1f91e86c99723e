namespace Scheduler.Cli;

/// <summary>
/// Ends a command with exit code 2 and a message for the user: the command could not run
/// (a missing folder, an unknown task), as opposed to finding invalid definitions.
/// </summary>
internal sealed class CommandFailedException(string message) : Exception(message);
