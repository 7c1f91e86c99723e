using System.CommandLine;
using Scheduler.Cli;
using Scheduler.Definitions.Schema;

namespace Scheduler.Commands;

/// <summary><c>scheduler schema</c>: prints the JSON Schema of a task file, for editors and other tools.</summary>
internal static class SchemaCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("schema",
            "Print the JSON Schema of a task file. Point editors at it with a first line '# yaml-language-server: $schema=PATH-OR-URL'.");
        command.SetAction(_ =>
        {
            context.Out.Write(TaskSchema.Json);
            return ExitCodes.Ok;
        });
        return command;
    }
}
