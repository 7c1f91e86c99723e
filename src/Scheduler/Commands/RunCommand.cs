using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Scheduler.Cli;
using Scheduler.Definitions.Diagnostics;
using Scheduler.Definitions.Loading;
using Scheduler.Definitions.Parameters;
using Scheduler.Definitions.Runs;
using Scheduler.Engine.Handlers;
using Scheduler.Output;
using Scheduler.Serving;

namespace Scheduler.Commands;

/// <summary>
/// <c>scheduler run TASK-ID [--schedules DIR] [--slot INSTANT] [--param NAME=VALUE ...] [--dry-run]</c>: runs one task once in the foreground,
/// as serve would (handler, templates, environment, timeout, tree kill), streaming its output, and exits with the
/// run's exit code (124 on timeout). Needs no state store: nothing is recorded.
/// </summary>
internal static class RunCommand
{
    /// <summary>What a run that ends without a process exit code exits with.</summary>
    private const int TimedOutExit = 124;
    private const int FailedExit = 1;
    private const int InterruptedExit = 130; // 128 + SIGINT, as shells report Ctrl-C

    public static Command Create(CliContext context)
    {
        var task = new Argument<string>("TASK-ID") { Description = "The task to run: an id looked up in --schedules, or the path of a task file." };
        var schedules = new Option<string>("--schedules") { Description = "The schedules folder task ids are looked up in.", DefaultValueFactory = _ => "./schedules" };
        var slot = new Option<string?>("--slot") { Description = "The slot the run is for (ISO 8601, e.g. 2026-10-25T00:30:00Z); default now." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would run (rendered argv or script, environment, working directory) without running it." };
        var param = new Option<string[]>("--param")
        {
            Description = "A value for one of the task's params, as NAME=VALUE (repeatable); the others keep their defaults.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("run",
            "Run one task once, in the foreground, exactly as serve would, and exit with its exit code (124 on timeout; 1 or 2 before it runs: invalid task, bad arguments).")
        {
            task, schedules, slot, param, dryRun,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var file = TaskFileLocator.Find(result.GetRequiredValue(task), result.GetRequiredValue(schedules), context);
            var now = context.Time.GetUtcNow();
            var read = TaskReader.Read(file, now);
            if (read.Task is not { } definition)
            {
                DiagnosticWriter.WriteText(context.Error, read.Diagnostics.Where(d => d.Severity == Severity.Error));
                return ExitCodes.Invalid;
            }

            var parameters = ParameterValues.Resolve(definition.Parameters, result.GetValue(param) ?? []);
            if (!parameters.IsValid)
            {
                foreach (var (name, why) in parameters.Errors)
                {
                    context.Error.WriteLine($"--param {name}: {why}");
                }

                return ExitCodes.CannotRun;
            }

            var slotInstant = result.GetValue(slot) is { } text ? ParseSlot(text) : now;
            var output = new OutputTail(OutputTail.DefaultCapacity, bytes => WriteRaw(context.Out, bytes));
            RunsSettings.ApplyExecStub(ServeConfiguration.Load()); // started the way serve starts it
            // The same clean environment as serve gives a run: the basics, Scheduler:Runs:PassEnvironment, the task's env.
            var run = new RunContext(definition, RunId: 0, slotInstant, Attempt: 1, RunTrigger.Manual, output, context.Time)
            {
                PassEnvironment = RunsSettings.PassEnvironment(ServeConfiguration.Load()),
                Parameters = parameters.Values,
            };
            if (result.GetValue(dryRun))
            {
                DryRunDescription.Write(context.Out, run, context.CurrentDirectory);
                return ExitCodes.Ok;
            }

            if (RunSecrets.Start(run, out var unresolved) is not { } started)
            {
                context.Error.WriteLine($"run of {definition.Id}: failed: {unresolved}");
                return FailedExit;
            }

            return await RunAsync(started, context);
        });
        return command;
    }

    private static async Task<int> RunAsync(RunContext run, CliContext context)
    {
        using var stop = new CancellationTokenSource();
        // Ctrl-C and SIGTERM stop the run as a timeout does (TERM to the whole tree, kill-grace, KILL).
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var handlers = HandlerRegistry.CreateDefault();
        var outcome = await handlers.For(run.Task.Handler).RunAsync(run, stop.Token);
        run.Output.Complete(); // what was held back as the possible start of a secret
        await context.Out.FlushAsync(CancellationToken.None);
        if (outcome.Status != RunStatus.Succeeded)
        {
            context.Error.WriteLine($"run of {run.Task.Id}: {RunNames.Of(outcome.Status)}{(outcome.Error is null ? "" : $": {run.Output.Mask(outcome.Error)}")}");
        }

        return outcome.Status switch
        {
            RunStatus.Succeeded => outcome.ExitCode ?? 0,
            RunStatus.TimedOut => TimedOutExit,
            RunStatus.Cancelled => InterruptedExit,
            _ => outcome.ExitCode is { } code and not 0 ? code : FailedExit,
        };

        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true; // keep the process alive until the tree is down and the outcome printed
            stop.Cancel();
        }
    }

    private static void WriteRaw(TextWriter output, ReadOnlySpan<byte> bytes)
    {
        output.Write(System.Text.Encoding.UTF8.GetString(bytes));
        output.Flush();
    }

    private static DateTimeOffset ParseSlot(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var slot)
            ? slot
            : throw new CommandFailedException($"--slot '{text}' is not an instant: write ISO 8601, e.g. 2026-10-25T00:30:00Z.");
}
