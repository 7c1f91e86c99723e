using Scheduler.Cli;
using Scheduler.Definitions.Runs;
using Scheduler.Definitions.Values;

namespace Scheduler.Remote;

/// <summary>
/// <c>trigger --wait</c>: follows a run on the server (<c>GET /api/runs/{id}</c>) until it ends, prints its output tail
/// and how it ended, and turns that into the exit code a pipeline gates on, as <c>scheduler run</c> does.
/// </summary>
internal static class RunWaiter
{
    /// <summary>Timed out on the server, as <c>timeout(1)</c> and <c>scheduler run</c> report it.</summary>
    public const int TimedOutExit = 124;

    /// <summary>Failed without an exit code of its own (it could not start), or skipped: it did not do its work.</summary>
    public const int FailedExit = 1;

    /// <summary>Cancelled, or interrupted with its scheduler (128 + SIGINT, as <c>scheduler run</c> exits when stopped).</summary>
    public const int StoppedExit = 130;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static async Task<int> WaitAsync(ServerClient server, long runId, CliContext context, CancellationToken cancellationToken)
    {
        RemoteRun run;
        try
        {
            while (true)
            {
                run = await server.GetRunAsync(runId, cancellationToken);
                if (run.Status != RunNames.Of(RunStatus.Running))
                {
                    break;
                }

                await Task.Delay(PollInterval, context.Time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Error.WriteLine($"stopped waiting for run #{runId}; it goes on on the server (`scheduler cancel {runId}` stops it).");
            return StoppedExit;
        }

        if (!string.IsNullOrEmpty(run.OutputTail))
        {
            context.Out.Write(run.OutputTail.EndsWith('\n') ? run.OutputTail : run.OutputTail + "\n");
        }

        var record = RemoteReads.ToRecord(run);
        var took = record is { StartedAt: { } s, FinishedAt: { } f } ? $" in {TimeText.Duration(f - s)}" : "";
        var line = $"{run.Task}: run #{run.Id} {run.Status}{took}{(run.ExitCode is { } code ? $" (exit {code})" : "")}{(run.Error is { } error ? $": {error}" : "")}";
        (record.Status == RunStatus.Succeeded ? context.Out : context.Error).WriteLine(line);
        return ExitCode(record.Status, run.ExitCode);
    }

    public static int ExitCode(RunStatus status, int? exitCode) => status switch
    {
        RunStatus.Succeeded => exitCode ?? ExitCodes.Ok,
        RunStatus.TimedOut => TimedOutExit,
        RunStatus.Cancelled or RunStatus.Interrupted => StoppedExit,
        RunStatus.Failed when exitCode is { } code and not 0 => code,
        _ => FailedExit,
    };
}
