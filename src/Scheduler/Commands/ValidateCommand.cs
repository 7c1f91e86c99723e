using System.CommandLine;
using Scheduler.Cli;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Model;
using Scheduler.Output;

namespace Scheduler.Commands;

/// <summary><c>scheduler validate [DIR=./schedules] [--format text|github|json]</c>: checks every task file and reports every problem.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("DIR")
        {
            Description = "The schedules folder to check.",
            DefaultValueFactory = _ => "./schedules",
        };
        var format = FormatOption.Create("text", "github", "json");
        var command = new Command("validate", "Check every task file in a folder. Exit 0 when all are valid (warnings allowed), 1 when any is invalid, 2 when the folder cannot be read.")
        {
            directory,
            format,
        };
        command.SetAction(result => Run(context, result.GetRequiredValue(directory), result.GetRequiredValue(format)));
        return command;
    }

    private static int Run(CliContext context, string directory, string format)
    {
        IEnumerable<SourceFile> files;
        try
        {
            files = TaskFolder.ReadAhead(context.Resolve(directory), context.CurrentDirectory);
        }
        catch (DirectoryNotFoundException)
        {
            throw new CommandFailedException($"The schedules folder '{directory}' does not exist (looked in {context.Resolve(directory)}).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"The schedules folder '{directory}' cannot be read: {e.Message}");
        }

        var set = DefinitionLoader.Load(files, context.Time.GetUtcNow());
        // Only validate looks at its own environment: the definitions stay pure, and plan's output is the same anywhere.
        var diagnostics = set.Diagnostics
            .Concat(set.Tasks.SelectMany(t => TaskSecrets.Unset(t, name => Environment.GetEnvironmentVariable(name) is not null)))
            .ToList();
        var validTasks = set.Tasks.Count();
        switch (format)
        {
            case "json":
                DiagnosticWriter.WriteJson(context.Out, set.Files.Count, validTasks, diagnostics);
                break;
            case "github":
                DiagnosticWriter.WriteGitHub(context.Out, diagnostics);
                WriteSummary(context.Out, set.Files.Count, validTasks, diagnostics);
                break;
            default:
                DiagnosticWriter.WriteText(context.Out, diagnostics);
                WriteSummary(context.Out, set.Files.Count, validTasks, diagnostics);
                break;
        }

        return set.HasErrors ? ExitCodes.Invalid : ExitCodes.Ok;
    }

    private static void WriteSummary(TextWriter output, int files, int validTasks, List<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.IsError);
        var warnings = diagnostics.Count - errors;
        output.WriteLine(
            $"{Count(files, "file")} checked: {Count(validTasks, "valid task")}, {Count(files - validTasks, "invalid file")}, {Count(errors, "error")}, {Count(warnings, "warning")}.");
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
