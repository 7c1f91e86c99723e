namespace Scheduler.Definitions.Model;

/// <summary>Runs a program with an argument vector, no shell. Each argument may be a template.</summary>
public sealed record CommandHandler(IReadOnlyList<string> Arguments) : HandlerDefinition("command");
