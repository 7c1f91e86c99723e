using System.Globalization;
using Scheduler.Engine.Handlers;
using Scheduler.State.Store;

namespace Scheduler.Engine.SystemTasks;

/// <summary>Runs the system tasks against the store: history retention in small batches, and vacuum.</summary>
public sealed class SystemRunHandler(RunStore store, SystemTaskOptions options) : IRunHandler
{
    public string Kind => SystemHandler.KindName;

    public async Task<HandlerOutcome> RunAsync(RunContext context, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = ((SystemHandler)context.Task.Handler).Job;
        try
        {
            switch (job)
            {
                case SystemHandler.HistoryRetention:
                    await RetainAsync(context, cancel);
                    break;
                case SystemHandler.Vacuum:
                    await store.VacuumAsync(cancel);
                    context.Output.Append("vacuumed the state store\n");
                    break;
                default:
                    return HandlerOutcome.Failed($"unknown system job '{job}'");
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return new HandlerOutcome(Definitions.Runs.RunStatus.Cancelled);
        }

        return HandlerOutcome.Succeeded(null);
    }

    private async Task RetainAsync(RunContext context, CancellationToken cancel)
    {
        var cutoff = context.Time.GetUtcNow() - TimeSpan.FromDays(options.MaxAgeDays);
        var byAge = 0;
        for (int deleted; (deleted = await store.DeleteRunsOlderThanAsync(cutoff, options.BatchSize, cancel)) > 0;)
        {
            byAge += deleted;
        }

        var byCount = 0;
        for (int deleted; (deleted = await store.DeleteRunsBeyondPerTaskAsync(options.MaxRunsPerTask, options.BatchSize, cancel)) > 0;)
        {
            byCount += deleted;
        }

        context.Output.Append(string.Create(CultureInfo.InvariantCulture,
            $"deleted {byAge} run(s) older than {options.MaxAgeDays} days and {byCount} beyond {options.MaxRunsPerTask} per task\n"));
    }
}
