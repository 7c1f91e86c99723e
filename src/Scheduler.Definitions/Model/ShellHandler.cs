namespace Scheduler.Definitions.Model;

/// <summary>Runs a script with <c>/bin/sh -c</c>. The script may be a template.</summary>
public sealed record ShellHandler(string Script) : HandlerDefinition("shell");
